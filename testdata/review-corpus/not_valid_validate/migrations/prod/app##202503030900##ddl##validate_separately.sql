-- VALIDATE takes SHARE UPDATE EXCLUSIVE: no lock_timeout needed.
ALTER TABLE public.subscriptions VALIDATE CONSTRAINT subscriptions_account_fk; -- expect-not: constraint.validate-same-transaction, transaction.require-lock-timeout
ALTER TABLE public.subscriptions VALIDATE CONSTRAINT subscriptions_email_not_null; -- expect-not: constraint.validate-same-transaction, transaction.require-lock-timeout
