SET lock_timeout = '2s';
RESET ALL;
ALTER TABLE public.devices ADD COLUMN retired boolean NOT NULL DEFAULT false; -- expect: transaction.require-lock-timeout
