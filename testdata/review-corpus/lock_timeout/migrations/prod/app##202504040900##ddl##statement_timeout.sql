SET lock_timeout = '2s';
ALTER TABLE public.devices DROP COLUMN color; -- expect: transaction.require-statement-timeout, column.drop; expect-not: transaction.require-lock-timeout
SET statement_timeout = '30min';
ALTER TABLE public.devices DROP COLUMN vendor; -- expect: column.drop; expect-not: transaction.require-statement-timeout, transaction.require-lock-timeout
