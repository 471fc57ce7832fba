-- Monthly job: stage the new partition as a plain table, then attach it.
SET lock_timeout = '1s';
CREATE TABLE public.measurements_2025_03 (LIKE public.measurements INCLUDING DEFAULTS INCLUDING CONSTRAINTS); -- expect-not: transaction.require-lock-timeout
ALTER TABLE public.measurements_2025_03 ADD CONSTRAINT measurements_2025_03_bound CHECK (logdate >= '2025-03-01' AND logdate < '2025-04-01'); -- expect-not: constraint.check-require-not-valid
RESET lock_timeout;
-- ATTACH scans (and locks ACCESS EXCLUSIVE) the default partition, an existing table.
ALTER TABLE public.measurements ATTACH PARTITION public.measurements_2025_03 FOR VALUES FROM ('2025-03-01') TO ('2025-04-01'); -- expect: transaction.require-lock-timeout
SET lock_timeout = '1s';
CREATE TABLE public.measurements_2025_04 PARTITION OF public.measurements FOR VALUES FROM ('2025-04-01') TO ('2025-05-01'); -- expect-not: transaction.require-lock-timeout
CREATE INDEX measurements_2025_04_city_idx ON public.measurements_2025_04 (city_id); -- expect-not: index.require-concurrently
