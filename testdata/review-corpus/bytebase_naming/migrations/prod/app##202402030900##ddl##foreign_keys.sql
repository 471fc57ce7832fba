SET lock_timeout = '2s';
ALTER TABLE public.orders -- expect-not: naming.index.fk
  ADD CONSTRAINT fk_orders_customer_id_customers_id
  FOREIGN KEY (customer_id) REFERENCES public.customers (id) NOT VALID;
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers NOT VALID; -- expect: naming.index.fk; expect-not: naming.index.pk, naming.index.uk
-- The referenced columns default to the primary key of customers (history).
CREATE TABLE public.invoices ( -- expect-not: naming.index.fk, naming.index.pk, naming.table, naming.column
  id bigint NOT NULL,
  customer_id bigint NOT NULL,
  CONSTRAINT pk_invoices_id PRIMARY KEY (id),
  CONSTRAINT fk_invoices_customer_id_customers_id FOREIGN KEY (customer_id) REFERENCES public.customers
);
ALTER TABLE public.invoices RENAME CONSTRAINT fk_invoices_customer_id_customers_id TO invoices_customer_fk; -- expect: naming.index.fk
ALTER TABLE public.invoices RENAME COLUMN customer_id TO "customerId"; -- expect: naming.column, naming.convention
ALTER TABLE public.invoices ADD COLUMN total_cents bigint NOT NULL DEFAULT 0; -- expect-not: naming.column, naming.convention
ALTER TABLE public.audit_log_v2 RENAME TO "AuditLog"; -- expect: naming.table, naming.convention
ALTER TABLE public."OrderItems" RENAME TO order_items; -- expect-not: naming.table, naming.convention
