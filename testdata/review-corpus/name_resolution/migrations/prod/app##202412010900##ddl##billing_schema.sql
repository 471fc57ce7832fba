CREATE SCHEMA billing;
SET search_path = billing, public;
CREATE TABLE invoices (id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(12,2) NOT NULL); -- expect: table.require-schema
CREATE INDEX invoices_customer_idx ON invoices (customer); -- expect-not: index.require-concurrently
CREATE INDEX invoices_amount_idx ON billing.invoices (amount); -- expect-not: index.require-concurrently
CREATE TABLE public.customers (id bigint PRIMARY KEY, name text NOT NULL); -- expect-not: table.require-schema
