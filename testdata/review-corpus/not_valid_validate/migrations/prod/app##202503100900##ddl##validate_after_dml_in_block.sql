SET lock_timeout = '2s';
ALTER TABLE public.subscriptions ADD CONSTRAINT subscriptions_plan_known CHECK (plan IN ('free', 'pro')) NOT VALID; -- expect-not: constraint.check-require-not-valid
BEGIN;
-- Fix the rows first, then validate: an UPDATE takes ROW EXCLUSIVE, not a strong lock.
UPDATE public.subscriptions SET plan = 'free' WHERE plan NOT IN ('free', 'pro');
ALTER TABLE public.subscriptions VALIDATE CONSTRAINT subscriptions_plan_known; -- expect-not: constraint.validate-same-transaction
COMMIT;
