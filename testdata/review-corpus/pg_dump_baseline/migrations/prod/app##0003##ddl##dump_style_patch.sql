-- A patch produced by a dump-diff tool: it starts with pg_dump's session settings.
SET statement_timeout = 0;
SET lock_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE TABLE public.orders_2025 (
    id bigint NOT NULL,
    customer_id integer NOT NULL,
    status public.order_status NOT NULL,
    placed_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.orders_2025 ADD CONSTRAINT orders_2025_pkey PRIMARY KEY (id, placed_at); -- expect-not: constraint.primary-key-require-index, transaction.require-lock-timeout

-- lock_timeout = 0 is no timeout: attaching takes ACCESS EXCLUSIVE on a partition, SHARE UPDATE EXCLUSIVE on the parent.
ALTER TABLE ONLY public.orders ATTACH PARTITION public.orders_2025 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00'); -- expect-not: table.rewrite

ALTER TABLE ONLY public.orders_2024 REPLICA IDENTITY FULL; -- expect: transaction.require-lock-timeout

CREATE INDEX customers_created_at_idx ON public.customers USING btree (created_at); -- expect: index.require-concurrently, transaction.require-lock-timeout

ALTER TYPE public.order_status ADD VALUE 'refunded' AFTER 'paid'; -- expect-not: transaction.disallowed-in-transaction, type.enum-value-order

UPDATE public.orders SET status = 'refunded' WHERE id = 42; -- expect-not: transaction.enum-value-used-before-commit

BEGIN;
ALTER TYPE public.order_status ADD VALUE 'cancelled' BEFORE 'shipped'; -- expect-not: transaction.disallowed-in-transaction
UPDATE public.orders SET status = 'cancelled' WHERE id = 43; -- expect: transaction.enum-value-used-before-commit
COMMIT;

SELECT pg_catalog.setval('public.orders_2025_id_seq', 1, false); -- expect-not: statement.update-delete-without-where
