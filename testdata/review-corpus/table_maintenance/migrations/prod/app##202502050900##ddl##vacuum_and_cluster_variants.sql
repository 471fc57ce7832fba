SET lock_timeout = '3s';
VACUUM FULL; -- expect: table.rewrite
VACUUM (FULL, VERBOSE) public.metrics; -- expect: table.rewrite
VACUUM (VERBOSE, ANALYZE) public.metrics; -- expect-not: table.rewrite
CLUSTER public.metrics; -- expect: table.rewrite
CLUSTER; -- expect: table.rewrite
ALTER TABLE public.metrics SET WITHOUT CLUSTER; -- expect-not: table.rewrite
-- ONLY makes no difference on a table that is not partitioned: the index is built under SHARE.
CREATE INDEX metrics_taken_at_idx ON ONLY public.metrics (taken_at); -- expect: index.require-concurrently
