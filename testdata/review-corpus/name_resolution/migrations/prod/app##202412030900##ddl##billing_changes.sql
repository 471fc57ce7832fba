SET search_path TO billing;
CREATE INDEX invoices_amount_customer_idx ON invoices (amount, customer); -- expect: index.require-concurrently
CREATE TABLE payments (id bigint PRIMARY KEY, invoice_id bigint NOT NULL); -- expect: table.require-schema
CREATE INDEX payments_invoice_idx ON billing.payments (invoice_id); -- expect-not: index.require-concurrently
ALTER TABLE invoices ADD COLUMN paid boolean NOT NULL; -- expect: column.add-required
RESET search_path;
CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);
CREATE INDEX notes_body_idx ON public.notes (body); -- expect-not: index.require-concurrently
ALTER TABLE invoices ADD COLUMN archived boolean NOT NULL; -- expect: column.add-required
