CREATE TABLE public.customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  note text,
  legacy_code text,
  score int
);
CREATE TABLE public.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL,
  total numeric(10,2) NOT NULL DEFAULT 0
);
CREATE TABLE public.audit_trail (id bigint PRIMARY KEY, payload text);
CREATE MATERIALIZED VIEW public.customer_stats AS SELECT customer_id, count(*) AS n FROM public.orders GROUP BY customer_id;
-- Changes to tables created in this very file break no deployed code.
ALTER TABLE public.customers DROP COLUMN score; -- expect-not: schema.backward-compatibility
ALTER TABLE public.orders RENAME COLUMN total TO total_amount; -- expect-not: schema.backward-compatibility
CREATE UNIQUE INDEX customers_email_key ON public.customers (email); -- expect-not: schema.backward-compatibility
