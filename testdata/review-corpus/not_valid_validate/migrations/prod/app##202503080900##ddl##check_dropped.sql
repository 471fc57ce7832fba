SET lock_timeout = '2s';
-- The CHECK was dropped by the previous file.
ALTER TABLE public.subscriptions ALTER COLUMN coupon SET NOT NULL; -- expect: column.set-not-null
