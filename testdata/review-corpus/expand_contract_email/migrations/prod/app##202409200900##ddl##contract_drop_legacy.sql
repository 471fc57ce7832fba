-- CONTRACT, step 2 (after every deployed version stopped reading email_legacy).
SET lock_timeout = '2s';
ALTER TABLE public.users DROP COLUMN email_legacy; -- expect: column.drop; expect-not: transaction.require-lock-timeout
DROP FUNCTION public.users_sync_email_normalized(); -- expect-not: table.drop, statement.cascade
ALTER TABLE public.orders DROP CONSTRAINT orders_user_id_fkey, DROP COLUMN user_id; -- expect: column.drop
