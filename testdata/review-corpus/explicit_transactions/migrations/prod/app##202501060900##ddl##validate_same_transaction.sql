BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE public.jobs ADD CONSTRAINT jobs_priority_range CHECK (priority BETWEEN -10 AND 10) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE public.jobs VALIDATE CONSTRAINT jobs_priority_range; -- expect: constraint.validate-same-transaction
COMMIT;
BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE public.jobs ADD COLUMN owner text;
ALTER TABLE public.jobs VALIDATE CONSTRAINT jobs_queue_not_blank; -- expect: constraint.validate-same-transaction, transaction.statement-after-access-exclusive
COMMIT;
