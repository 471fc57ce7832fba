ALTER TABLE public.measurements DETACH PARTITION public.measurements_2025_01; -- expect: partition.detach-concurrently, transaction.require-lock-timeout
ALTER TABLE public.logs DETACH PARTITION public.logs_0 CONCURRENTLY; -- expect-not: partition.detach-concurrently, transaction.require-lock-timeout, transaction.disallowed-in-transaction
ALTER TABLE public.logs DETACH PARTITION public.logs_0 FINALIZE; -- expect-not: partition.detach-concurrently
BEGIN;
ALTER TABLE public.measurements DETACH PARTITION public.measurements_2025_02 CONCURRENTLY; -- expect: transaction.disallowed-in-transaction; expect-not: partition.detach-concurrently
COMMIT;
DROP TABLE public.measurements_2025_01; -- expect: table.drop
ALTER TABLE public.measurements_2025_02 SET TABLESPACE pg_default; -- expect: table.rewrite
ALTER TABLE public.measurements_default SET UNLOGGED; -- expect: table.rewrite
ALTER TABLE public.measurements ADD COLUMN source text; -- expect: transaction.require-lock-timeout; expect-not: column.add-required
CREATE INDEX measurements_city_idx ON public.measurements (city_id); -- expect: index.require-concurrently
CREATE INDEX measurements_peak_idx ON ONLY public.measurements (peaktemp); -- expect-not: index.require-concurrently
CREATE INDEX CONCURRENTLY measurements_2025_03_peak_idx ON public.measurements_2025_03 (peaktemp); -- expect-not: index.require-concurrently
ALTER INDEX public.measurements_peak_idx ATTACH PARTITION public.measurements_2025_03_peak_idx; -- expect-not: index.require-concurrently, table.rename
TRUNCATE public.measurements_default; -- expect: table.truncate
