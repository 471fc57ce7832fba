SET lock_timeout = '2s';
-- transaction-nesting.
BEGIN; -- expect-not: transaction.nesting
BEGIN; -- expect: transaction.nesting
ALTER TABLE clients ADD COLUMN tier text;
COMMIT; -- expect-not: transaction.nesting
COMMIT; -- expect: transaction.nesting
-- One well-formed block.
BEGIN; -- expect-not: transaction.nesting
ALTER TABLE clients ADD COLUMN region text;
COMMIT; -- expect-not: transaction.nesting
ROLLBACK; -- expect: transaction.nesting
