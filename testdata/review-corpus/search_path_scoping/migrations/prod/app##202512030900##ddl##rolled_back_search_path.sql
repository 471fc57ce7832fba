SET lock_timeout = '1s';
BEGIN;
SET search_path = billing;
ROLLBACK;
-- The SET was rolled back with its transaction.
CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric NOT NULL);
CREATE INDEX refunds_amount_idx ON public.refunds (amount); -- expect-not: index.require-concurrently
SET search_path = billing, public;
CREATE TABLE adjustments (id bigint PRIMARY KEY, amount numeric NOT NULL);
CREATE INDEX adjustments_amount_idx ON billing.adjustments (amount); -- expect-not: index.require-concurrently
RESET ALL;
CREATE TABLE fees (id bigint PRIMARY KEY, amount numeric NOT NULL);
CREATE INDEX fees_amount_idx ON public.fees (amount); -- expect-not: index.require-concurrently
