BEGIN;
SET LOCAL lock_timeout = '3s';
REFRESH MATERIALIZED VIEW CONCURRENTLY dw.mv_sales_by_month; -- expect-not: transaction.disallowed-in-transaction, matview.refresh-concurrently
COMMIT;
REFRESH MATERIALIZED VIEW dw.mv_sales_by_month; -- expect: matview.refresh-concurrently, transaction.require-lock-timeout
BEGIN;
VACUUM (ANALYZE) dw.dim_store; -- expect: transaction.disallowed-in-transaction
COMMIT;
VACUUM (ANALYZE, VERBOSE) dw.dim_date; -- expect-not: transaction.disallowed-in-transaction, table.rewrite
VACUUM FULL dw.dim_date; -- expect: table.rewrite
ALTER TABLE dw.fact_sales DETACH PARTITION dw.fact_sales_2024; -- expect: partition.detach-concurrently, transaction.require-lock-timeout
CREATE INDEX CONCURRENTLY fact_sales_2025_amount_idx ON dw.fact_sales_2025 (amount); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
-- CONCURRENTLY is refused on a partitioned table: the statement fails.
CREATE INDEX CONCURRENTLY fact_sales_quantity_idx ON dw.fact_sales (quantity); -- expect: index.require-concurrently
DROP INDEX CONCURRENTLY dw.fact_sales_store_idx; -- expect: index.drop-require-concurrently
