-- Backfilling in the transaction that altered the table keeps it locked.
SET lock_timeout = '5s';
BEGIN;
ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free'; -- expect: statement.mix-ddl-dml, transaction.statement-after-access-exclusive, statement.update-delete-without-where
COMMIT;
