-- A new session: the unclosed BEGIN of an earlier file is gone.
CREATE INDEX CONCURRENTLY jobs_payload_idx ON public.jobs USING gin (payload); -- expect-not: transaction.disallowed-in-transaction
COMMIT; -- expect: transaction.nesting
