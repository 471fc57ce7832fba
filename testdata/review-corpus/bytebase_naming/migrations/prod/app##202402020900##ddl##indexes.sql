-- Index names on tables of the previous file.
CREATE INDEX CONCURRENTLY idx_orders_customer_id ON public.orders (customer_id); -- expect-not: naming.index.idx, naming.index.uk
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id); -- expect: naming.index.idx; expect-not: naming.index.uk
CREATE INDEX CONCURRENTLY -- expect-not: naming.index.idx
  idx_orders_customer_id_number
  ON public.orders (customer_id, number);
CREATE INDEX CONCURRENTLY idx_orders_number_customer_id -- expect: naming.index.idx
  ON public.orders (customer_id, number);
CREATE UNIQUE INDEX CONCURRENTLY uk_orders_number ON public.orders (number); -- expect-not: naming.index.uk, naming.index.idx
CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON public.orders (number); -- expect: naming.index.uk; expect-not: naming.index.idx
ALTER INDEX public.orders_customer_id_idx RENAME TO idx_orders_customer_id_2; -- expect: naming.index.idx
ALTER INDEX public.orders_number_key RENAME TO uk_orders_number_2; -- expect: naming.index.uk; expect-not: naming.index.idx
