ALTER TYPE public.order_status ADD VALUE IF NOT EXISTS 'refunded'; -- expect-not: transaction.disallowed-in-transaction
UPDATE public.orders SET status = 'refunded' WHERE id = 1; -- expect-not: transaction.enum-value-used-before-commit
START TRANSACTION;
ALTER TYPE public.order_status ADD VALUE 'cancelled' AFTER 'paid'; -- expect-not: type.enum-value-order, transaction.disallowed-in-transaction
UPDATE public.orders SET status = 'cancelled' WHERE id = 2; -- expect: transaction.enum-value-used-before-commit
END;
BEGIN WORK;
SAVEPOINT before_change; -- expect-not: transaction.nesting
SET LOCAL lock_timeout = '1s';
ALTER TABLE public.orders ALTER COLUMN total SET DEFAULT 0; -- expect-not: transaction.require-lock-timeout
ROLLBACK TO SAVEPOINT before_change; -- expect-not: transaction.nesting
RELEASE SAVEPOINT before_change;
COMMIT;
COMMIT; -- expect: transaction.nesting
BEGIN;
BEGIN; -- expect: transaction.nesting
SET LOCAL lock_timeout = '1s';
LOCK TABLE public.orders IN SHARE MODE; -- expect-not: transaction.require-lock-timeout
ABORT;
BEGIN; -- expect: transaction.unclosed
SET LOCAL lock_timeout = '1s';
ALTER TABLE public.customers ADD COLUMN phone text;
