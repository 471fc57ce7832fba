SET lock_timeout = '3s';
ALTER TABLE public.users -- expect-not: constraint.check-require-not-valid, transaction.require-lock-timeout
    ADD CONSTRAINT users_email_normalized_not_null CHECK (email_normalized IS NOT NULL) NOT VALID;
CREATE UNIQUE INDEX CONCURRENTLY users_email_normalized_idx ON public.users (email_normalized); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction
ALTER TABLE public.orders ADD CONSTRAINT orders_user_uuid_fkey FOREIGN KEY (user_uuid) REFERENCES public.users (uuid) NOT VALID; -- expect-not: constraint.fk-require-not-valid
-- Each statement commits on its own under psql: validating right away is fine.
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_user_uuid_fkey; -- expect-not: constraint.validate-same-transaction, transaction.require-lock-timeout
