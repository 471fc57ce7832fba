CREATE OR REPLACE FUNCTION public.set_updated_at() RETURNS trigger -- expect-not: transaction.unclosed, transaction.nesting
LANGUAGE plpgsql AS $$
BEGIN
  -- a body comment; with semicolons; DROP TABLE public.audit_log;
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
CREATE FUNCTION public.purge_audit() RETURNS void LANGUAGE plpgsql AS $body$ -- expect-not: table.drop, statement.update-delete-without-where, transaction.unclosed, table.truncate
BEGIN
  DELETE FROM public.audit_log;
  TRUNCATE public.audit_log;
  EXECUTE 'DROP TABLE IF EXISTS public.audit_tmp';
  RAISE NOTICE 'done; $$ is not the end of this body';
END;
$body$;
CREATE FUNCTION public.region_default() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu'::text $$;
CREATE FUNCTION public.new_token() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
CREATE FUNCTION public.doc_count(p_owner bigint) RETURNS bigint -- expect-not: transaction.unclosed, transaction.nesting
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM public.documents WHERE owner_id = p_owner;
END;
CREATE INDEX documents_owner_idx ON public.documents (owner_id); -- expect: index.require-concurrently
CREATE PROCEDURE public.archive_documents() LANGUAGE plpgsql AS $$ -- expect-not: transaction.nesting, statement.update-delete-without-where
BEGIN
  UPDATE public.documents SET archived = true;
  COMMIT;
END;
$$;
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at(); -- expect: transaction.require-lock-timeout
