CREATE TYPE public.item_state AS ENUM ('draft', 'live');
CREATE TABLE public.items (
  id integer PRIMARY KEY,
  sku character varying(20) NOT NULL,
  title varchar(80) NOT NULL,
  summary text,
  price numeric(8,2) NOT NULL,
  qty int4 NOT NULL DEFAULT 0,
  weight real,
  state public.item_state NOT NULL DEFAULT 'draft',
  made_at timestamptz,
  CONSTRAINT items_price_check CHECK (price >= 0)
);
CREATE TABLE public.suppliers (id bigint PRIMARY KEY, name text NOT NULL, item_id integer REFERENCES public.items (id));
CREATE VIEW public.items_live AS SELECT id, sku, title FROM public.items WHERE state = 'live';
CREATE INDEX items_sku_idx ON public.items (sku);
