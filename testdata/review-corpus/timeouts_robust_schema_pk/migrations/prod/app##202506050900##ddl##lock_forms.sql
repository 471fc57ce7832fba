SET lock_timeout = '2s';
ALTER ROLE CURRENT_USER SET statement_timeout = '1min';
CREATE INDEX IF NOT EXISTS orders_note_idx ON app.orders (note); -- expect: transaction.require-statement-timeout
LOCK TABLE app.orders IN SHARE MODE; -- expect: transaction.require-statement-timeout
LOCK TABLE app.items IN ROW EXCLUSIVE MODE; -- expect-not: transaction.require-statement-timeout
COMMENT ON TABLE app.orders IS 'orders'; -- expect-not: transaction.require-statement-timeout
ALTER TABLE app.orders SET (fillfactor = 70); -- expect-not: transaction.require-statement-timeout
ALTER TABLE app.items VALIDATE CONSTRAINT items_order_fk; -- expect-not: transaction.require-statement-timeout
UPDATE app.items SET qty = 1 WHERE qty IS NULL; -- expect-not: transaction.require-statement-timeout
TRUNCATE app.events; -- expect: transaction.require-statement-timeout
SET statement_timeout = '0s';
ALTER TABLE app.orders DROP COLUMN IF EXISTS coupon2; -- expect: transaction.require-statement-timeout
SET statement_timeout = '30s';
ALTER TABLE app.orders DROP COLUMN IF EXISTS coupon; -- expect-not: transaction.require-statement-timeout
