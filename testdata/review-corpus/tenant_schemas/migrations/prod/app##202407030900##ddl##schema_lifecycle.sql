-- search_path starts afresh in every file ("$user", public).
CREATE TABLE orders (id bigint PRIMARY KEY); -- public.orders: new
CREATE INDEX orders_id_desc_idx ON orders (id DESC); -- expect-not: index.require-concurrently
SELECT set_config('search_path', 'tenant_initech', false);
CREATE INDEX CONCURRENTLY orders_coupon_idx ON tenant_initech.orders (coupon_code); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction
ALTER SCHEMA tenant_globex RENAME TO tenant_globex_archived; -- expect: schema.rename
CREATE INDEX orders_total2_idx ON tenant_globex_archived.orders (total); -- expect: index.require-concurrently
CREATE SCHEMA tenant_globex;
CREATE TABLE tenant_globex.orders (id bigint PRIMARY KEY, total numeric NOT NULL);
CREATE INDEX orders_total2_idx ON tenant_globex.orders (total); -- expect-not: index.require-concurrently
ALTER TABLE tenant_acme.orders SET SCHEMA tenant_globex_archived; -- expect-not: table.rename
DROP SCHEMA tenant_globex_archived CASCADE; -- expect: schema.drop, statement.cascade
