CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_search_idx ON public.orders (customer_id, net, tax, id); -- expect: index.max-columns
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_search2_idx ON public.orders (customer_id, net, tax) INCLUDE (id, gross); -- expect-not: index.max-columns
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_natural_key ON public.orders (customer_id, net, tax, id); -- expect-not: index.max-columns
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_expr_idx -- expect: index.max-columns
    ON public.orders (lower(customer_id::text), (net + tax), tax, id DESC NULLS LAST);
CREATE INDEX IF NOT EXISTS readings_wide_idx ON ONLY public.readings (sensor, at, celsius, fahrenheit); -- expect: index.max-columns
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_gist_idx ON public.bookings USING gist (room, during); -- expect-not: index.max-columns
