SET lock_timeout = '2s';
SET statement_timeout = '1min';
RESET ALL;
ALTER TABLE billing.invoices ADD COLUMN memo text; -- expect: transaction.require-lock-timeout, transaction.require-statement-timeout
SET lock_timeout = '2s';
SET LOCAL lock_timeout = '0';
ALTER TABLE billing.invoices ADD COLUMN note text; -- expect-not: transaction.require-lock-timeout
BEGIN;
SET LOCAL lock_timeout = '0';
ALTER TABLE billing.invoices ADD COLUMN note2 text; -- expect: transaction.require-lock-timeout
COMMIT;
ALTER TABLE billing.invoices ADD COLUMN note3 text; -- expect-not: transaction.require-lock-timeout
BEGIN;
RESET ALL;
ROLLBACK;
ALTER TABLE billing.invoices ADD COLUMN note4 text; -- expect-not: transaction.require-lock-timeout
