SET lock_timeout = '2s';
ALTER TABLE public.accounts ADD COLUMN region_code text; -- expect-not: column.add-required, transaction.require-lock-timeout
