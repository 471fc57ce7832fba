SET lock_timeout = '2s';
-- psql -f: each statement commits on its own, so VALIDATE does not run under the ADD's lock.
ALTER TABLE public.subscriptions ADD CONSTRAINT subscriptions_plan_not_null CHECK (plan IS NOT NULL) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE public.subscriptions VALIDATE CONSTRAINT subscriptions_plan_not_null; -- expect-not: constraint.validate-same-transaction
ALTER TABLE public.subscriptions ALTER COLUMN plan SET NOT NULL; -- expect-not: column.set-not-null
ALTER TABLE public.subscriptions DROP CONSTRAINT subscriptions_plan_not_null;
ALTER TABLE public.vouchers ADD CONSTRAINT vouchers_code_not_null CHECK (code IS NOT NULL) NOT VALID;
ALTER TABLE public.vouchers VALIDATE CONSTRAINT vouchers_code_not_null;
ALTER TABLE public.vouchers ALTER COLUMN code SET NOT NULL; -- expect-not: column.set-not-null
