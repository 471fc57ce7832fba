-- ban-concurrent-index-creation-in-transaction.
BEGIN;
CREATE INDEX CONCURRENTLY app_email_user_id_idx ON app_email (user_id); -- expect: transaction.disallowed-in-transaction
COMMIT;
CREATE INDEX CONCURRENTLY app_email_address_idx ON app_email (address); -- expect-not: transaction.disallowed-in-transaction, index.require-concurrently
-- Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run in a transaction block.
BEGIN;
ALTER TYPE recipe_state ADD VALUE 'archived'; -- expect: transaction.disallowed-in-transaction
COMMIT;
ALTER TYPE recipe_state ADD VALUE 'hidden' AFTER 'published'; -- expect-not: transaction.disallowed-in-transaction
-- transaction-nesting.
BEGIN;
START TRANSACTION; -- expect: transaction.nesting
COMMIT;
END; -- expect: transaction.nesting
-- An unclosed block rolls everything back at the end of the session.
BEGIN; -- expect: transaction.unclosed
SET LOCAL lock_timeout = '2s';
ALTER TABLE cities ADD COLUMN country text;
