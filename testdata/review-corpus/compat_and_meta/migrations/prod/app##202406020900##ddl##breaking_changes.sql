SET lock_timeout = '2s';
ALTER TABLE public.customers DROP COLUMN legacy_code; -- expect: schema.backward-compatibility
ALTER TABLE "public"."customers" RENAME COLUMN "note" TO remark; -- expect: schema.backward-compatibility
ALTER TABLE public.orders -- expect: schema.backward-compatibility
  ALTER COLUMN total_amount TYPE numeric(12,2);
ALTER TABLE public.orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR'; -- expect-not: schema.backward-compatibility
-- NOT VALID skips the scan of existing rows, but new writes are checked at once.
ALTER TABLE public.orders -- expect: schema.backward-compatibility
  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id) NOT VALID;
ALTER TABLE public.orders ADD CONSTRAINT orders_total_check CHECK (total_amount >= 0); -- expect: schema.backward-compatibility
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id); -- expect-not: schema.backward-compatibility, index.concurrently-pg14-corruption
CREATE UNIQUE INDEX CONCURRENTLY orders_id_currency_key ON public.orders (id, currency); -- expect: schema.backward-compatibility; expect-not: index.concurrently-pg14-corruption
ALTER TABLE public.orders ADD CONSTRAINT orders_id_currency_key UNIQUE USING INDEX orders_id_currency_key; -- expect-not: schema.backward-compatibility
REINDEX INDEX CONCURRENTLY public.orders_customer_id_idx; -- expect-not: index.concurrently-pg14-corruption
DROP MATERIALIZED VIEW public.customer_stats; -- expect: schema.backward-compatibility
ALTER TABLE public.audit_trail RENAME TO audit_trail_del; -- expect: schema.backward-compatibility
CREATE TABLE public.scratch (id bigint PRIMARY KEY);
DROP TABLE public.scratch; -- expect-not: schema.backward-compatibility
DROP TABLE public.audit_trail_del; -- expect: schema.backward-compatibility
DROP DATABASE IF EXISTS old_reporting; -- expect: schema.backward-compatibility
