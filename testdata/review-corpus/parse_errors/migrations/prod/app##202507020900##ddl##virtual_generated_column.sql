SET lock_timeout = '2s';
-- PostgreSQL 18 syntax: not in the PostgreSQL 16 grammar of pg_query_go v5.
ALTER TABLE public.items
  ADD COLUMN total numeric GENERATED ALWAYS AS (price * qty) VIRTUAL; -- expect: syntax.parse-error
