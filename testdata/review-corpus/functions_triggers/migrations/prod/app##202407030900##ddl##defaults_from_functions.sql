SET lock_timeout = '2s';
ALTER TABLE public.documents ADD COLUMN region text NOT NULL DEFAULT public.region_default(); -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE public.documents ADD COLUMN share_token text DEFAULT public.new_token(); -- expect: column.add-volatile-default
ALTER TABLE public.documents ADD COLUMN external_id uuid DEFAULT uuid_generate_v4(); -- expect: column.add-volatile-default
ALTER TABLE public.documents ADD COLUMN revision bigint NOT NULL DEFAULT nextval('public.documents_id_seq'); -- expect: column.add-volatile-default
