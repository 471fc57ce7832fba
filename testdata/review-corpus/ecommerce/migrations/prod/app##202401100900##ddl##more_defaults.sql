SET lock_timeout = '2s';
ALTER TABLE public.customers ALTER COLUMN full_name SET DEFAULT md5(random()::text); -- expect-not: column.add-volatile-default
ALTER TABLE public.customers ADD COLUMN nickname text NOT NULL DEFAULT NULL; -- expect: column.add-required
ALTER TABLE public.customers ADD COLUMN legacy_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY; -- expect: column.add-identity; expect-not: column.add-required
ALTER TABLE public.customers ADD COLUMN seq_no bigserial NOT NULL; -- expect: column.add-volatile-default; expect-not: column.add-required
ALTER TABLE public.customers ADD COLUMN expires_at timestamptz NOT NULL DEFAULT (now() + interval '30 days'); -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE public.customers ADD COLUMN tags text[] NOT NULL DEFAULT '{}'; -- expect-not: column.add-volatile-default
ALTER TABLE public.customers ADD COLUMN balance bigint NOT NULL DEFAULT -1; -- expect-not: column.add-volatile-default
ALTER TABLE public.customers ADD COLUMN prefs jsonb NOT NULL DEFAULT '{}'::jsonb; -- expect-not: column.add-volatile-default
ALTER TABLE IF EXISTS public.customers ADD COLUMN IF NOT EXISTS salt uuid DEFAULT gen_random_uuid(); -- expect: column.add-volatile-default
ALTER TABLE ONLY public.customers ADD COLUMN lucky double precision DEFAULT random(); -- expect: column.add-volatile-default
ALTER TABLE public.customers ADD COLUMN joined_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP, ADD COLUMN token text DEFAULT md5(clock_timestamp()::text); -- expect: column.add-volatile-default
