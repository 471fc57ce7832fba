BEGIN;
ALTER TYPE public.order_status ADD VALUE 'lost' BEFORE 'shipped'; -- expect-not: transaction.disallowed-in-transaction, type.enum-value-order
UPDATE public.shipments SET status = 'lost' WHERE carrier = 'ghost'; -- expect: transaction.enum-value-used-before-commit
COMMIT;
