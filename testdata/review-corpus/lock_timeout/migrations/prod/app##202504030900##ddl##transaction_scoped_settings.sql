BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE public.devices ADD COLUMN model text; -- expect-not: transaction.require-lock-timeout
COMMIT;
-- SET LOCAL ended with the COMMIT.
ALTER TABLE public.devices ADD COLUMN vendor text; -- expect: transaction.require-lock-timeout
BEGIN;
SELECT set_config('lock_timeout', '2s', true);
ALTER TABLE public.devices ADD COLUMN serial_no text; -- expect-not: transaction.require-lock-timeout
ROLLBACK;
ALTER TABLE public.devices ADD COLUMN firmware text; -- expect: transaction.require-lock-timeout
SELECT set_config('lock_timeout', '2s', true);
ALTER TABLE public.devices ADD COLUMN color text; -- expect: transaction.require-lock-timeout
BEGIN;
SET lock_timeout = '2s';
COMMIT;
-- A plain SET inside a committed block stays for the session.
ALTER TABLE public.devices ADD COLUMN owner_id bigint; -- expect-not: transaction.require-lock-timeout
