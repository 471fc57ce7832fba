-- No lock_timeout in this file: only statements taking SHARE or stronger need one.
ALTER TABLE public.metrics SET (autovacuum_vacuum_scale_factor = 0.01); -- expect-not: transaction.require-lock-timeout, table.rewrite
ALTER TABLE public.metrics ALTER COLUMN host SET STATISTICS 500; -- expect-not: transaction.require-lock-timeout
COMMENT ON TABLE public.metrics IS 'raw samples'; -- expect-not: transaction.require-lock-timeout
CREATE STATISTICS metrics_host_day ON host, taken_at FROM public.metrics; -- expect-not: transaction.require-lock-timeout
ANALYZE public.metrics; -- expect-not: transaction.require-lock-timeout
ALTER INDEX public.metrics_host_idx RENAME TO metrics_host_name_idx; -- expect-not: transaction.require-lock-timeout, table.rename
ALTER TABLE public.metrics ALTER COLUMN host SET STORAGE EXTERNAL; -- expect: transaction.require-lock-timeout
ALTER TABLE public.metrics OWNER TO CURRENT_USER; -- expect: transaction.require-lock-timeout
ALTER TABLE public.metrics ALTER COLUMN value SET DEFAULT 0; -- expect: transaction.require-lock-timeout
