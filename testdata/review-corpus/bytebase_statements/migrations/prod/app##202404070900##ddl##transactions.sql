SET ROLE app_owner;
BEGIN; -- expect-not: statement.disallow-commit, statement.non-transactional
ALTER TABLE public.customers ADD COLUMN phone text; -- expect-not: statement.disallow-commit
COMMIT; -- expect: statement.disallow-commit
BEGIN;
ALTER TABLE public.customers ADD COLUMN fax text;
ROLLBACK; -- expect-not: statement.disallow-commit
CREATE INDEX CONCURRENTLY customers_email_idx ON public.customers (email); -- expect: statement.non-transactional
CREATE INDEX customers_name_idx ON public.customers (name); -- expect-not: statement.non-transactional
DROP INDEX CONCURRENTLY public.customers_email_idx; -- expect: statement.non-transactional
REINDEX INDEX CONCURRENTLY public.customers_name_idx; -- expect: statement.non-transactional
VACUUM (ANALYZE) public.customers; -- expect: statement.non-transactional
ANALYZE public.customers; -- expect-not: statement.non-transactional
ALTER TYPE public.mood ADD VALUE 'sleepy'; -- expect-not: statement.non-transactional
