SET lock_timeout = '2s';
ALTER TABLE public.subscriptions ALTER COLUMN email SET NOT NULL; -- expect-not: column.set-not-null
ALTER TABLE public.subscriptions DROP CONSTRAINT subscriptions_email_not_null;
