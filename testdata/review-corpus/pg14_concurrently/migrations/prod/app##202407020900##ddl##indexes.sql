-- dbcd:no-transaction
-- Reviewed for PostgreSQL 14 (review-flags): 14.0 to 14.3 can build
-- these indexes without some rows.
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id); -- expect: index.concurrently-pg14-corruption
REINDEX INDEX CONCURRENTLY public.orders_status_idx; -- expect: index.concurrently-pg14-corruption
DROP INDEX CONCURRENTLY public.orders_status_idx; -- expect-not: index.concurrently-pg14-corruption
