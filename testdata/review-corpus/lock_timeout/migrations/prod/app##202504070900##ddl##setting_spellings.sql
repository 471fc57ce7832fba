SET lock_timeout = '1s';
SET lock_timeout = '0';
ALTER TABLE public.sessions ADD COLUMN s1 text; -- expect: transaction.require-lock-timeout
SET lock_timeout = '1s';
SET lock_timeout = '0ms';
ALTER TABLE public.sessions ADD COLUMN s2 text; -- expect: transaction.require-lock-timeout
SET lock_timeout = 5000;
ALTER TABLE public.sessions ADD COLUMN s3 text; -- expect-not: transaction.require-lock-timeout
SET SESSION lock_timeout = 0;
ALTER TABLE public.sessions ADD COLUMN s4 text; -- expect: transaction.require-lock-timeout
SET SESSION lock_timeout = '1s';
ALTER TABLE public.sessions ADD COLUMN s5 text; -- expect-not: transaction.require-lock-timeout
SET lock_timeout = '1s';
SELECT set_config('lock_timeout', '0', false);
ALTER TABLE public.sessions ADD COLUMN s6 text; -- expect: transaction.require-lock-timeout
SET lock_timeout = '1s';
BEGIN;
SET lock_timeout = 0;
ROLLBACK;
-- The rolled-back SET is undone: 1s again.
ALTER TABLE public.sessions ADD COLUMN s7 text; -- expect-not: transaction.require-lock-timeout
RESET lock_timeout;
BEGIN;
SET lock_timeout = '2s';
ROLLBACK;
ALTER TABLE public.sessions ADD COLUMN s8 text; -- expect: transaction.require-lock-timeout
BEGIN;
LOCK TABLE public.sessions IN ROW EXCLUSIVE MODE; -- expect-not: transaction.require-lock-timeout
LOCK TABLE public.sessions IN EXCLUSIVE MODE; -- expect: transaction.require-lock-timeout
COMMIT;
