CREATE TABLE public.tickets (id serial PRIMARY KEY, title text NOT NULL, seq_no integer);
CREATE TABLE public.agents (id integer NOT NULL, name text NOT NULL);
CREATE SEQUENCE public.invoice_no_seq; -- expect-not: transaction.require-lock-timeout
ALTER SEQUENCE public.invoice_no_seq RESTART WITH 1000; -- expect-not: transaction.require-lock-timeout
CREATE TABLE public.invoices (id bigint PRIMARY KEY, no bigint NOT NULL DEFAULT nextval('public.invoice_no_seq'));
ALTER TABLE public.invoices ADD COLUMN legacy_no bigint DEFAULT nextval('public.invoice_no_seq'); -- expect-not: column.add-volatile-default
