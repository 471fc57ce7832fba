SET lock_timeout = '5s';
BEGIN; -- expect: transaction.unclosed
ALTER TABLE public.jobs ADD COLUMN run_after timestamptz;
