ALTER TABLE public.sessions ADD COLUMN ip inet; -- expect: transaction.require-lock-timeout
SET LOCAL lock_timeout = '5s';
-- SET LOCAL outside a transaction block changes nothing.
ALTER TABLE public.sessions ADD COLUMN agent text; -- expect: transaction.require-lock-timeout
SET lock_timeout TO '5s';
ALTER TABLE public.sessions ADD COLUMN country text; -- expect-not: transaction.require-lock-timeout
SET lock_timeout = 0;
ALTER TABLE public.sessions ADD COLUMN city text; -- expect: transaction.require-lock-timeout
SET lock_timeout = '4s';
RESET lock_timeout;
ALTER TABLE public.sessions ADD COLUMN region text; -- expect: transaction.require-lock-timeout
SELECT set_config('lock_timeout', '3s', false);
ALTER TABLE public.sessions ADD COLUMN os text; -- expect-not: transaction.require-lock-timeout
SET lock_timeout TO DEFAULT;
ALTER TABLE public.sessions ADD COLUMN browser text; -- expect: transaction.require-lock-timeout
SET lock_timeout = '2s';
ALTER TABLE public.sessions ADD COLUMN referrer text; -- expect-not: transaction.require-lock-timeout
