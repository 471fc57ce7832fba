SET lock_timeout = '2s';
ALTER TABLE public.invoices ADD COLUMN memo text; -- expect-not: transaction.require-lock-timeout
-- DISCARD ALL resets every session setting, lock_timeout included.
DISCARD ALL; -- expect-not: transaction.disallowed-in-transaction
ALTER TABLE public.invoices ADD COLUMN paid_at timestamptz; -- expect: transaction.require-lock-timeout
SET lock_timeout = '2s';
DISCARD PLANS; -- expect-not: transaction.disallowed-in-transaction
ALTER TABLE public.invoices ADD COLUMN due_at timestamptz; -- expect-not: transaction.require-lock-timeout
BEGIN;
DISCARD ALL; -- expect: transaction.disallowed-in-transaction
COMMIT;
