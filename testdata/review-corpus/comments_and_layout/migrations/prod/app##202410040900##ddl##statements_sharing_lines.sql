SET lock_timeout = '2s';
CREATE TABLE public.bins (
  id bigint PRIMARY KEY,
  warehouse_id bigint NOT NULL,
  code text NOT NULL
); CREATE INDEX warehouses_id_code_idx ON public.warehouses (id, code); -- expect: index.require-concurrently
/* a block comment
   that ends on the statement's line */ CREATE INDEX warehouses_code_idx ON public.warehouses (code); -- expect: index.require-concurrently
CREATE INDEX bins_code_idx ON public.bins (code); /* new table */ CREATE INDEX warehouses_code_id_idx ON public.warehouses (code, id); -- expect: index.require-concurrently
CREATE INDEX bins_warehouse_idx ON public.bins (warehouse_id); -- expect-not: index.require-concurrently
