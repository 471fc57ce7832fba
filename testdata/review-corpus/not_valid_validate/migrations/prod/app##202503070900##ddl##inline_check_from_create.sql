SET lock_timeout = '2s';
-- subscriptions_coupon_present came with CREATE TABLE: it is valid.
ALTER TABLE public.subscriptions ALTER COLUMN coupon SET NOT NULL; -- expect-not: column.set-not-null
ALTER TABLE public.subscriptions ALTER COLUMN coupon DROP NOT NULL; -- expect: column.drop-not-null
ALTER TABLE public.subscriptions DROP CONSTRAINT subscriptions_coupon_present;
