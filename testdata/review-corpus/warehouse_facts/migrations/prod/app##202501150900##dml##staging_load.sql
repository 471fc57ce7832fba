-- Nightly-load style: an unlogged staging table, loaded by a server-side COPY.
CREATE UNLOGGED TABLE dw.stage_sales (LIKE dw.fact_sales INCLUDING DEFAULTS);
CREATE INDEX stage_sales_store_idx ON dw.stage_sales (store_key); -- expect-not: index.require-concurrently
COPY dw.stage_sales (sale_id, store_key, date_key, amount, quantity) FROM '/srv/etl/sales_2024.csv' WITH (FORMAT csv, HEADER true); -- expect-not: syntax.parse-error
-- The staging table holds rows now: a rewrite or a plain index build is a real cost.
CREATE INDEX stage_sales_date_idx ON dw.stage_sales (date_key); -- expect: index.require-concurrently
ALTER TABLE dw.stage_sales SET LOGGED; -- expect: table.rewrite
INSERT INTO dw.fact_sales SELECT * FROM dw.stage_sales; -- expect-not: statement.update-delete-without-where
ANALYZE dw.fact_sales; -- expect-not: transaction.require-lock-timeout, transaction.disallowed-in-transaction
TRUNCATE dw.stage_sales; -- expect-not: table.truncate
