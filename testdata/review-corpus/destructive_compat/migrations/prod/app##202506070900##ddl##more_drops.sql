SET lock_timeout = '2s';
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
DROP FUNCTION public.touch() CASCADE; -- expect: statement.cascade
DROP EXTENSION IF EXISTS pgcrypto CASCADE; -- expect: statement.cascade
ALTER TABLE public.accounts_old DROP COLUMN IF EXISTS email_address; -- expect: column.drop
ALTER TABLE public.user_notes ALTER body DROP NOT NULL; -- expect: column.drop-not-null
DROP TABLE public.user_notes, public.accounts_old; -- expect: table.drop
