BEGIN;
CREATE TYPE public.order_status AS ENUM ('pending', 'paid');
CREATE TABLE public.customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status public.order_status NOT NULL DEFAULT 'pending', total numeric(10,2));
CREATE INDEX orders_customer_idx ON public.orders (customer_id); -- expect-not: index.require-concurrently, transaction.statement-after-access-exclusive
COMMIT;
