-- golang-migrate style: the whole up file in one explicit transaction.
BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE public.orders ADD COLUMN shipped_at timestamptz; -- expect-not: transaction.require-lock-timeout, transaction.statement-after-access-exclusive
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id) NOT VALID; -- expect: transaction.statement-after-access-exclusive; expect-not: constraint.fk-require-not-valid
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk; -- expect: constraint.validate-same-transaction
CREATE INDEX CONCURRENTLY orders_shipped_idx ON public.orders (shipped_at); -- expect: transaction.disallowed-in-transaction
COMMIT;
-- After COMMIT: autocommit again, and SET LOCAL is gone.
CREATE INDEX CONCURRENTLY orders_total_idx ON public.orders (total); -- expect-not: transaction.disallowed-in-transaction, transaction.require-lock-timeout
ALTER TABLE public.customers ADD COLUMN name text; -- expect: transaction.require-lock-timeout
