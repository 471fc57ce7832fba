SET lock_timeout = '2s';
ALTER TABLE public.orders ALTER COLUMN shipped_at SET NOT NULL; -- expect: column.set-not-null
ALTER TABLE public.customers ALTER COLUMN full_name DROP NOT NULL; -- expect: column.drop-not-null
