-- Written on Windows: every line ends with CRLF.
CREATE TABLE public.warehouses (
  id bigint PRIMARY KEY,
  code varchar(10) NOT NULL,
  city text NOT NULL
);
CREATE TABLE public.stock (
  warehouse_id bigint NOT NULL REFERENCES public.warehouses (id),
  sku text NOT NULL,
  qty bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (warehouse_id, sku)
);
CREATE INDEX stock_sku_idx ON public.stock (sku); -- expect-not: index.require-concurrently
