BEGIN;
CREATE INDEX CONCURRENTLY jobs_queue_idx ON public.jobs (queue); -- expect: transaction.disallowed-in-transaction; expect-not: index.require-concurrently
COMMIT;
CREATE INDEX CONCURRENTLY jobs_priority_idx ON public.jobs (priority); -- expect-not: transaction.disallowed-in-transaction, index.require-concurrently
BEGIN;
DROP INDEX CONCURRENTLY public.jobs_priority_idx; -- expect: transaction.disallowed-in-transaction; expect-not: index.drop-require-concurrently
COMMIT;
START TRANSACTION;
REINDEX INDEX CONCURRENTLY public.jobs_pkey; -- expect: transaction.disallowed-in-transaction; expect-not: index.reindex-require-concurrently
COMMIT;
BEGIN;
VACUUM ANALYZE public.jobs; -- expect: transaction.disallowed-in-transaction; expect-not: table.rewrite
COMMIT;
VACUUM ANALYZE public.jobs; -- expect-not: transaction.disallowed-in-transaction, transaction.require-lock-timeout, table.rewrite
BEGIN;
CREATE DATABASE jobs_archive; -- expect: transaction.disallowed-in-transaction
COMMIT;
