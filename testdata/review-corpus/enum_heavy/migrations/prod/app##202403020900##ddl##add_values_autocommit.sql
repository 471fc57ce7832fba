-- psql -f runs each statement in its own transaction: the new label is committed before use.
ALTER TYPE public.order_status ADD VALUE 'cancelled'; -- expect: type.enum-value-order; expect-not: transaction.disallowed-in-transaction, transaction.require-lock-timeout
ALTER TYPE public.order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid'; -- expect-not: type.enum-value-order, transaction.disallowed-in-transaction
UPDATE public.shipments SET status = 'cancelled' WHERE carrier = 'none'; -- expect-not: transaction.enum-value-used-before-commit
