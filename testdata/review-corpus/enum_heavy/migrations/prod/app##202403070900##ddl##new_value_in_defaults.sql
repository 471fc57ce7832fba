BEGIN;
ALTER TYPE public.order_status ADD VALUE 'draft' BEFORE 'paid';
CREATE TABLE public.drafts (id bigint PRIMARY KEY, status public.order_status NOT NULL DEFAULT 'draft'); -- expect: transaction.enum-value-used-before-commit
ROLLBACK;
BEGIN;
ALTER TYPE public.order_status ADD VALUE 'disputed' AFTER 'paid';
-- 'DISPUTED' is another string: enum labels are case-sensitive.
UPDATE public.shipments SET carrier = 'DISPUTED' WHERE carrier = 'dispute-desk'; -- expect-not: transaction.enum-value-used-before-commit
COMMIT;
