CREATE INDEX orders_status_idx ON public.orders (status); -- expect: index.require-concurrently, transaction.require-lock-timeout
CREATE INDEX CONCURRENTLY orders_placed_at_idx ON public.orders (placed_at); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction, transaction.require-lock-timeout
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS products_sku_key ON public.products (sku); -- expect-not: index.require-concurrently, statement.prefer-robust
CREATE UNIQUE INDEX products_public_sku_key ON public.products (lower(sku)); -- expect: index.require-concurrently
CREATE INDEX CONCURRENTLY order_items_product_idx ON public.order_items (product_id, order_id, quantity, unit_price); -- expect: index.max-columns
CREATE UNIQUE INDEX CONCURRENTLY order_items_wide_key ON public.order_items (order_id, product_id, quantity, unit_price); -- expect-not: index.max-columns
CREATE INDEX CONCURRENTLY orders_cover_idx ON public.orders (customer_id, status, placed_at) INCLUDE (currency, note); -- expect-not: index.max-columns
DROP INDEX public.products_name_idx; -- expect: index.drop-require-concurrently, transaction.require-lock-timeout
DROP INDEX CONCURRENTLY IF EXISTS public.orders_customer_id_idx; -- expect-not: index.drop-require-concurrently, transaction.require-lock-timeout, statement.prefer-robust
