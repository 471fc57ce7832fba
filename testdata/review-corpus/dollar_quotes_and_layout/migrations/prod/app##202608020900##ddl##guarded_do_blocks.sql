SET lock_timeout = '2s';
DO $$ -- expect: statement.dynamic-sql; expect-not: index.require-concurrently, table.drop, transaction.nesting, transaction.unclosed
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'accounts_email_idx') THEN
    CREATE INDEX accounts_email_idx ON public.accounts (email);
  END IF;
  -- DROP TABLE public.audit; COMMIT;
  EXECUTE 'ALTER TABLE public.accounts ADD COLUMN IF NOT EXISTS region text';
END
$$;
DO LANGUAGE plpgsql $do$ BEGIN PERFORM 1; END $do$; CREATE INDEX accounts_status_idx ON public.accounts (status); -- expect: index.require-concurrently, statement.dynamic-sql
DO $outer$ -- expect-not: column.drop, transaction.unclosed
DECLARE
  q text := $q$ALTER TABLE public.accounts DROP COLUMN plan; BEGIN;$q$;
BEGIN
  RAISE NOTICE '%', q;
END
$outer$;
ALTER TABLE public.accounts DROP COLUMN plan; -- expect: column.drop
