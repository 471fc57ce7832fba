CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ -- expect-not: transaction.require-lock-timeout, transaction.unclosed
BEGIN
  RAISE NOTICE 'DDL: % %', tg_event, tg_tag;
END;
$$;
CREATE EVENT TRIGGER log_ddl_end ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION public.log_ddl(); -- expect-not: transaction.require-lock-timeout
ALTER EVENT TRIGGER log_ddl_end DISABLE; -- expect-not: transaction.require-lock-timeout, table.rename
ALTER EVENT TRIGGER log_ddl_end ENABLE ALWAYS; -- expect-not: transaction.require-lock-timeout
DROP EVENT TRIGGER IF EXISTS log_ddl_end; -- expect-not: transaction.require-lock-timeout, table.drop
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.viewed_at := now(); RETURN NEW; END $$;
SET lock_timeout = '2s';
CREATE OR REPLACE TRIGGER page_views_touch BEFORE UPDATE ON public.page_views FOR EACH ROW EXECUTE FUNCTION public.touch(); -- expect-not: transaction.require-lock-timeout
CREATE CONSTRAINT TRIGGER page_views_check AFTER INSERT ON public.page_views DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.touch(); -- expect-not: transaction.require-lock-timeout
RESET lock_timeout;
ALTER TABLE public.page_views ENABLE ALWAYS TRIGGER page_views_touch; -- expect: transaction.require-lock-timeout
ALTER TABLE public.page_views DISABLE TRIGGER ALL; -- expect: transaction.require-lock-timeout
DROP TRIGGER IF EXISTS page_views_check ON public.page_views; -- expect: transaction.require-lock-timeout; expect-not: table.drop
ALTER TRIGGER page_views_touch ON public.page_views RENAME TO page_views_set_viewed_at; -- expect-not: table.rename, column.rename
