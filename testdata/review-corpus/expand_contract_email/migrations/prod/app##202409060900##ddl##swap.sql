-- CONTRACT, step 1: swap the columns in one short transaction.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE public.users RENAME COLUMN email TO email_legacy; -- expect: column.rename; expect-not: transaction.require-lock-timeout, transaction.statement-after-access-exclusive
ALTER TABLE public.users RENAME COLUMN email_normalized TO email; -- expect: column.rename, transaction.statement-after-access-exclusive
DROP TRIGGER users_sync_email_normalized ON public.users; -- expect-not: transaction.require-lock-timeout, table.drop
ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_normalized_idx; -- expect-not: constraint.unique-require-index
ALTER TABLE public.users ALTER COLUMN email_legacy DROP NOT NULL; -- expect: column.drop-not-null
COMMIT;
DROP TRIGGER IF EXISTS users_sync_email_normalized_v0 ON public.users; -- expect: transaction.require-lock-timeout
