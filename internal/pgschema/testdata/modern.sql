CREATE FUNCTION shop.customer_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM shop.customer; END;

CREATE VIEW shop.customer_stats AS SELECT shop.customer_count() AS customers;

CREATE PUBLICATION filtered_pub FOR TABLE shop.product (id, sku, title) WHERE (sku <> '') WITH (publish = 'insert');

CREATE TYPE shop.intrange AS RANGE (subtype = integer, multirange_type_name = shop.int_multi);

CREATE TABLE shop.coupon (code text, customer_id bigint, CONSTRAINT coupon_code_key UNIQUE NULLS NOT DISTINCT (code));

ALTER TABLE shop.coupon ALTER COLUMN code SET COMPRESSION pglz;

CREATE VIEW shop.my_orders WITH (security_invoker = true) AS SELECT id, status FROM shop.orders;

CREATE PROCEDURE shop.count_orders(IN p_customer bigint, OUT n bigint) LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM shop.orders WHERE customer_id = p_customer; END;

CREATE PUBLICATION audit_pub FOR TABLES IN SCHEMA audit WITH (publish = 'insert');
