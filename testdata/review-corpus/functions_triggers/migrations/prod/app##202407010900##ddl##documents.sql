CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE public.documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id bigint NOT NULL,
  title text NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE public.audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, msg text NOT NULL);
