SET lock_timeout = '1s';
-- SET LOCAL outside a transaction block only warns: search_path stays "$user", public.
SET LOCAL search_path = billing;
CREATE TABLE ledgers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE INDEX ledgers_name_idx ON public.ledgers (name); -- expect-not: index.require-concurrently
BEGIN;
SET LOCAL search_path = billing;
CREATE TABLE credit_notes (id bigint PRIMARY KEY, invoice_id bigint NOT NULL); -- billing.credit_notes
COMMIT;
CREATE INDEX credit_notes_invoice_idx ON billing.credit_notes (invoice_id); -- expect: index.require-concurrently
-- SET LOCAL ended with the COMMIT: unqualified names resolve to public again.
CREATE TABLE payouts (id bigint PRIMARY KEY, amount numeric NOT NULL);
CREATE INDEX payouts_amount_idx ON public.payouts (amount); -- expect-not: index.require-concurrently
