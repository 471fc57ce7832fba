SET lock_timeout = '3s';
CREATE TABLE dw.fact_sales_2025 PARTITION OF dw.fact_sales FOR VALUES FROM ('2025-01-01') TO ('2026-01-01'); -- expect-not: transaction.require-lock-timeout, index.require-concurrently
-- A new list partition next to an existing DEFAULT partition (the default is scanned).
CREATE TABLE dw.fact_sales_2024_s4 PARTITION OF dw.fact_sales_2024 FOR VALUES IN (4); -- expect-not: transaction.require-lock-timeout
RESET lock_timeout;
CREATE TABLE dw.fact_sales_2026 PARTITION OF dw.fact_sales FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); -- expect: transaction.require-lock-timeout
-- widening a numeric precision at the same scale does not rewrite the partitions
ALTER TABLE dw.fact_sales ALTER COLUMN amount TYPE numeric(14,2); -- expect: transaction.require-lock-timeout; expect-not: column.change-type
ALTER TABLE dw.fact_sales ALTER COLUMN quantity TYPE bigint; -- expect: column.change-type
ALTER TABLE dw.fact_sales_2024_s1 ALTER COLUMN store_key SET STATISTICS 500; -- expect-not: transaction.require-lock-timeout
ALTER TABLE dw.fact_sales_2024_s1 SET (autovacuum_vacuum_scale_factor = 0.02, fillfactor = 90); -- expect-not: transaction.require-lock-timeout, table.rewrite
CREATE STATISTICS dw.fact_sales_2024_s1_stats (dependencies) ON store_key, date_key FROM dw.fact_sales_2024_s1; -- expect-not: transaction.require-lock-timeout
COMMENT ON TABLE dw.fact_sales IS 'one row per sale line'; -- expect-not: transaction.require-lock-timeout
CLUSTER dw.dim_store USING dim_store_pkey; -- expect: table.rewrite, transaction.require-lock-timeout
