REINDEX INDEX public.metrics_host_idx; -- expect: index.reindex-require-concurrently, transaction.require-lock-timeout
REINDEX TABLE public.metrics; -- expect: index.reindex-require-concurrently
REINDEX TABLE CONCURRENTLY public.metrics; -- expect-not: index.reindex-require-concurrently, transaction.require-lock-timeout, transaction.disallowed-in-transaction
REINDEX (VERBOSE) INDEX CONCURRENTLY public.metrics_host_idx; -- expect-not: index.reindex-require-concurrently
REFRESH MATERIALIZED VIEW public.metrics_daily; -- expect: matview.refresh-concurrently, transaction.require-lock-timeout
REFRESH MATERIALIZED VIEW CONCURRENTLY public.metrics_daily; -- expect: transaction.require-lock-timeout; expect-not: matview.refresh-concurrently
