BEGIN;
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';
ALTER TABLE app.orders ADD COLUMN shipped_at timestamptz; -- expect-not: transaction.require-statement-timeout, statement.prefer-robust
CREATE INDEX orders_shipped_idx ON app.orders (shipped_at); -- expect-not: transaction.require-statement-timeout, statement.prefer-robust
COMMIT;
SET lock_timeout = '2s';
ALTER TABLE app.orders ADD COLUMN returned_at timestamptz; -- expect: transaction.require-statement-timeout, statement.prefer-robust
SET LOCAL statement_timeout = '1min';
ALTER TABLE app.orders ADD COLUMN refunded_at timestamptz; -- expect: transaction.require-statement-timeout
ALTER TABLE app.sessions DROP CONSTRAINT sessions_pkey; -- expect: table.require-primary-key, statement.prefer-robust
CREATE TABLE app.kv (k text, v text); -- expect: table.require-primary-key, statement.prefer-robust
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS kv_k_idx ON app.kv (k);
DROP TABLE app.fresh; -- expect: statement.prefer-robust
DROP TABLE IF EXISTS app.kv2; -- expect-not: statement.prefer-robust
CREATE OR REPLACE VIEW app.recent AS SELECT 1 AS one; -- expect-not: statement.prefer-robust, table.require-schema
ALTER TABLE orders ADD COLUMN gift boolean; -- expect: table.require-schema
CREATE INDEX IF NOT EXISTS orders_gift_idx ON orders (gift); -- expect: table.require-schema
