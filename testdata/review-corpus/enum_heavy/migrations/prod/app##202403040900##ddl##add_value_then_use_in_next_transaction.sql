BEGIN;
ALTER TYPE public.order_status ADD VALUE 'returned' AFTER 'shipped'; -- expect-not: transaction.disallowed-in-transaction
COMMIT;
BEGIN;
UPDATE public.shipments SET status = 'returned' WHERE carrier = 'back'; -- expect-not: transaction.enum-value-used-before-commit
INSERT INTO public.shipments (status, carrier) VALUES ('returned'::public.order_status, 'post'); -- expect-not: transaction.enum-value-used-before-commit
COMMIT;
BEGIN;
ALTER TYPE public.order_status ADD VALUE 'held' AFTER 'paid';
INSERT INTO public.shipments (status, carrier) VALUES ('held'::public.order_status, 'post'); -- expect: transaction.enum-value-used-before-commit
ROLLBACK;
