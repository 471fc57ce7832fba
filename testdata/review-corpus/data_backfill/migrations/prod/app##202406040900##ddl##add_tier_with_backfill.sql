SET lock_timeout = '2s';
ALTER TABLE public.accounts ADD COLUMN tier text NOT NULL DEFAULT 'free'; -- expect-not: column.add-required, column.add-volatile-default
UPDATE public.accounts SET tier = 'pro' WHERE balance_cents > 100000; -- expect: statement.mix-ddl-dml; expect-not: statement.update-delete-without-where
