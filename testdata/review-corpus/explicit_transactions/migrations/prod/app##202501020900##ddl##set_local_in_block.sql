BEGIN; -- expect-not: transaction.nesting, transaction.unclosed
SET LOCAL lock_timeout = '5s';
ALTER TABLE public.jobs ADD COLUMN priority bigint NOT NULL DEFAULT 0; -- expect-not: transaction.require-lock-timeout
ALTER TABLE public.jobs ADD CONSTRAINT jobs_queue_not_blank CHECK (queue <> '') NOT VALID; -- expect-not: constraint.check-require-not-valid, transaction.require-lock-timeout
COMMIT; -- expect-not: transaction.nesting
ALTER TABLE public.jobs ADD COLUMN attempts bigint NOT NULL DEFAULT 0; -- expect: transaction.require-lock-timeout
