SET lock_timeout = '3s';
VACUUM FULL public.metrics; -- expect: table.rewrite
CLUSTER public.metrics USING metrics_host_idx; -- expect: table.rewrite
ALTER TABLE public.metrics SET UNLOGGED; -- expect: table.rewrite
ALTER TABLE public.metrics SET LOGGED; -- expect: table.rewrite
ALTER TABLE public.metrics SET TABLESPACE pg_default; -- expect: table.rewrite
ALTER TABLE public.metrics SET ACCESS METHOD heap; -- expect: table.rewrite
ALTER TABLE public.metrics SET (fillfactor = 80); -- expect-not: table.rewrite
ALTER TABLE public.metrics CLUSTER ON metrics_host_idx; -- expect-not: table.rewrite
VACUUM (ANALYZE) public.metrics; -- expect-not: table.rewrite
