SET lock_timeout = '2s';
SET search_path = billing;
-- Created in this file: invoices_new resolves to billing.invoices_new.
CREATE TABLE invoices_new (id bigint PRIMARY KEY);
CREATE INDEX invoices_new_id2_idx ON billing.invoices_new (id); -- expect-not: index.require-concurrently
CREATE INDEX invoices_total_idx ON invoices (total); -- expect: index.require-concurrently
DISCARD ALL;
SET lock_timeout = '2s';
-- search_path is back to "$user", public.
CREATE TABLE invoices_new (id bigint PRIMARY KEY); -- expect-not: transaction.require-lock-timeout
CREATE INDEX invoices_new_idx ON public.invoices_new (id); -- expect-not: index.require-concurrently
CREATE INDEX invoices_new_billing_idx ON billing.invoices_new (id); -- expect-not: index.require-concurrently
SET search_path TO billing, public;
RESET ALL;
SET lock_timeout = '2s';
ALTER TABLE invoices ALTER COLUMN total TYPE numeric(10,2); -- expect: column.change-type
CREATE TABLE invoices_archive (LIKE invoices); -- expect-not: transaction.require-lock-timeout
CREATE INDEX invoices_archive_idx ON public.invoices_archive (id); -- expect-not: index.require-concurrently
