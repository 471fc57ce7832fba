-- A new psql session: search_path is back to "$user", public.
CREATE TABLE invoices (id bigint PRIMARY KEY, note text); -- expect: table.require-schema
CREATE INDEX invoices_note_idx ON invoices (note); -- expect-not: index.require-concurrently
CREATE INDEX invoices_note2_idx ON public.invoices (note); -- expect-not: index.require-concurrently
CREATE INDEX invoices_customer_amount_idx ON billing.invoices (customer, amount); -- expect: index.require-concurrently
