-- EXPAND: new column, filled by a dual-write trigger for new rows.
SET lock_timeout = '3s';
SET statement_timeout = '30s';

ALTER TABLE public.users ADD COLUMN email_normalized text; -- expect-not: column.add-required, column.add-volatile-default, transaction.require-lock-timeout

CREATE OR REPLACE FUNCTION public.users_sync_email_normalized() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    NEW.email_normalized := lower(btrim(NEW.email));
    RETURN NEW;
END
$fn$;

CREATE TRIGGER users_sync_email_normalized -- expect-not: transaction.require-lock-timeout
    BEFORE INSERT OR UPDATE OF email ON public.users
    FOR EACH ROW EXECUTE FUNCTION public.users_sync_email_normalized();

RESET lock_timeout;
ALTER TABLE public.orders ADD COLUMN user_uuid uuid; -- expect: transaction.require-lock-timeout
