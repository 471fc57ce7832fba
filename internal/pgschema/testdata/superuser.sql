CREATE FUNCTION shop.lower_internal(text) RETURNS text LANGUAGE internal IMMUTABLE STRICT AS 'lower';

CREATE FUNCTION shop.citext_same(public.citext, public.citext) RETURNS boolean LANGUAGE c IMMUTABLE STRICT AS '$libdir/citext', 'citext_eq';

COMMENT ON FUNCTION shop.citext_same(public.citext, public.citext) IS 'C function';

CREATE FUNCTION audit.ddl_end() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl %', tg_tag; END $$;

CREATE EVENT TRIGGER audit_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION audit.ddl_end();

CREATE EVENT TRIGGER audit_drop ON sql_drop EXECUTE FUNCTION audit.ddl_end();

ALTER EVENT TRIGGER audit_drop DISABLE;

COMMENT ON EVENT TRIGGER audit_ddl IS 'watch DDL';

CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'delete');

CREATE FUNCTION shop.running_rank() RETURNS bigint LANGUAGE internal WINDOW IMMUTABLE AS 'window_rank';

COMMENT ON FUNCTION shop.running_rank() IS 'window function';
