-- Keys and indexes on tables of the earlier files (history).
SET lock_timeout = '2s';
CREATE TABLE public.documents ( -- expect-not: index.primary-key-type-allowlist
  id bigint NOT NULL,
  slug text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public.documents ADD CONSTRAINT pk_documents PRIMARY KEY (slug); -- expect: index.primary-key-type-allowlist
ALTER TABLE public.notes DROP CONSTRAINT notes_pkey; -- expect-not: index.primary-key-type-allowlist
ALTER TABLE public.notes ADD PRIMARY KEY (id); -- expect-not: index.primary-key-type-allowlist, index.no-duplicate-column
ALTER TABLE public.sessions ADD CONSTRAINT uk_sessions_token UNIQUE (token, token); -- expect: index.no-duplicate-column
CREATE INDEX CONCURRENTLY events_c_idx ON public.events (c); -- expect-not: index.total-number-limit
CREATE INDEX CONCURRENTLY events_ab_idx -- expect: index.total-number-limit
  ON public.events (a, b);
