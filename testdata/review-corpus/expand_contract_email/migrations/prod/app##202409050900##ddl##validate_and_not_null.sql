ALTER TABLE public.users VALIDATE CONSTRAINT users_email_normalized_not_null; -- expect-not: constraint.validate-same-transaction, transaction.require-lock-timeout, constraint.check-require-not-valid
SET lock_timeout = '3s';
-- PG12+: the validated CHECK proves the column has no NULLs, so no scan.
ALTER TABLE public.users ALTER COLUMN email_normalized SET NOT NULL; -- expect-not: column.set-not-null, transaction.require-lock-timeout
ALTER TABLE public.users DROP CONSTRAINT users_email_normalized_not_null; -- expect-not: column.drop, column.drop-not-null
ALTER TABLE public.orders ALTER COLUMN user_uuid SET NOT NULL; -- expect: column.set-not-null
