SET lock_timeout = '2s';
ALTER TABLE app.orders ADD COLUMN status text; -- expect: transaction.require-statement-timeout, statement.prefer-robust
ALTER TABLE IF EXISTS app.orders ADD COLUMN IF NOT EXISTS channel text; -- expect: transaction.require-statement-timeout; expect-not: statement.prefer-robust
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_account_idx ON app.orders (account_id); -- expect-not: transaction.require-statement-timeout, statement.prefer-robust
CREATE INDEX CONCURRENTLY orders_status_idx ON app.orders (status); -- expect: statement.prefer-robust; expect-not: transaction.require-statement-timeout
SET statement_timeout = '5min';
ALTER TABLE app.orders ADD COLUMN priority int; -- expect-not: transaction.require-statement-timeout
SET statement_timeout = 0;
ALTER TABLE app.orders ALTER COLUMN note SET NOT NULL; -- expect: transaction.require-statement-timeout
SET statement_timeout TO '1min';
RESET statement_timeout;
ALTER TABLE app.items ADD CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES app.orders (id) NOT VALID; -- expect: transaction.require-statement-timeout
SELECT set_config('statement_timeout', '30s', false);
ALTER TABLE app.items ADD COLUMN qty bigint; -- expect-not: transaction.require-statement-timeout
SET statement_timeout = DEFAULT;
CREATE TABLE app.fresh (id bigint PRIMARY KEY); -- expect-not: transaction.require-statement-timeout
ALTER TABLE app.fresh ADD COLUMN label text; -- expect-not: transaction.require-statement-timeout
ALTER TABLE app.events DROP CONSTRAINT IF EXISTS events_id_key; -- expect: transaction.require-statement-timeout; expect-not: statement.prefer-robust
