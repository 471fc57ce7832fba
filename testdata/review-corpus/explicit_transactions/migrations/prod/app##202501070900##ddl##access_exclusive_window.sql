SET lock_timeout = '3s';
-- Autocommit: each statement commits on its own, no lock is held across statements.
ALTER TABLE public.jobs ADD COLUMN last_error text; -- expect-not: transaction.statement-after-access-exclusive
UPDATE public.jobs SET last_error = '' WHERE id < 100; -- expect-not: transaction.statement-after-access-exclusive
ALTER TABLE public.workers ADD COLUMN host text; -- expect-not: transaction.statement-after-access-exclusive
BEGIN;
ALTER TABLE public.jobs ADD COLUMN finished_at timestamptz; -- expect-not: transaction.statement-after-access-exclusive
UPDATE public.jobs SET finished_at = now() WHERE last_error = 'done'; -- expect: transaction.statement-after-access-exclusive
ALTER TABLE public.workers ADD COLUMN region text; -- expect: transaction.statement-after-access-exclusive
COMMIT;
