-- pg_dump style: set_config(search_path) is not asserted on (RULES.md only names SET search_path).
SELECT pg_catalog.set_config('search_path', 'billing', false);
CREATE TABLE refunds (id bigint PRIMARY KEY, payment_id bigint NOT NULL);
CREATE INDEX refunds_payment_idx ON billing.refunds (payment_id);
SET search_path = public, billing;
CREATE TABLE credit_notes (id bigint PRIMARY KEY, amount numeric NOT NULL);
CREATE INDEX credit_notes_amount_idx ON public.credit_notes (amount); -- expect-not: index.require-concurrently
CREATE INDEX payments_invoice2_idx ON payments (invoice_id, id); -- expect: index.require-concurrently
