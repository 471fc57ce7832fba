SET lock_timeout = '2s';
ALTER TABLE public.subscriptions ADD CONSTRAINT subscriptions_account_fk FOREIGN KEY (account_id) REFERENCES public.accounts (id) NOT VALID; -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout
ALTER TABLE public.subscriptions ADD CONSTRAINT subscriptions_email_not_null CHECK (email IS NOT NULL) NOT VALID; -- expect-not: constraint.check-require-not-valid
