CREATE TABLE public.document_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER document_versions_set_updated_at BEFORE UPDATE ON public.document_versions FOR EACH ROW EXECUTE FUNCTION public.set_updated_at(); -- expect-not: transaction.require-lock-timeout
DROP TRIGGER documents_set_updated_at ON public.documents; -- expect: transaction.require-lock-timeout
ALTER TABLE public.documents DISABLE TRIGGER USER; -- expect: transaction.require-lock-timeout
CREATE OR REPLACE FUNCTION public.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END; $fn$; ALTER TABLE public.documents ENABLE TRIGGER USER; -- expect: transaction.require-lock-timeout
