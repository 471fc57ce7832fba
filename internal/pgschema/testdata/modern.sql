CREATE FUNCTION shop.customer_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM shop.customer; END;

CREATE VIEW shop.customer_stats AS SELECT shop.customer_count() AS customers;

CREATE PUBLICATION filtered_pub FOR TABLE shop.product (id, sku, title) WHERE (sku <> '') WITH (publish = 'insert');
