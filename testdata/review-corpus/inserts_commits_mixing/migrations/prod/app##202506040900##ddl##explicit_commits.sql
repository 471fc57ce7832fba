SET lock_timeout = '2s';
BEGIN;
ALTER TABLE public.countries ADD COLUMN region text; -- expect-not: statement.disallow-commit
COMMIT; -- expect: statement.disallow-commit
START TRANSACTION;
ALTER TABLE public.countries ADD COLUMN currency text;
END; -- expect: statement.disallow-commit
BEGIN;
ALTER TABLE public.settings ADD COLUMN scope text;
ROLLBACK; -- expect-not: statement.disallow-commit
BEGIN ISOLATION LEVEL SERIALIZABLE; -- expect-not: statement.disallow-commit
ALTER TABLE public.settings ADD COLUMN owner text;
COMMIT AND NO CHAIN; -- expect: statement.disallow-commit
