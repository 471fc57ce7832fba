CREATE SCHEMA dw;
CREATE TABLE dw.dim_store (
    store_key integer PRIMARY KEY,
    store_code char(6) NOT NULL,
    region text NOT NULL
);
CREATE TABLE dw.dim_date (date_key date PRIMARY KEY, year smallint NOT NULL, month smallint NOT NULL);
-- Seeded right away: dim_date is new but no longer empty.
INSERT INTO dw.dim_date (date_key, year, month)
SELECT d::date, extract(year FROM d)::smallint, extract(month FROM d)::smallint
FROM generate_series('2020-01-01'::date, '2030-12-31'::date, interval '1 day') AS g(d); -- expect-not: statement.update-delete-without-where
ALTER TABLE dw.dim_date ADD COLUMN is_weekend boolean NOT NULL; -- expect: column.add-required
CREATE TABLE dw.fact_sales (
    sale_id bigint NOT NULL,
    store_key integer NOT NULL REFERENCES dw.dim_store (store_key),
    date_key date NOT NULL,
    amount numeric(12,2) NOT NULL,
    quantity integer NOT NULL
) PARTITION BY RANGE (date_key);
CREATE TABLE dw.fact_sales_2024 PARTITION OF dw.fact_sales
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (store_key); -- a sub-partitioned year
CREATE TABLE dw.fact_sales_2024_s1 PARTITION OF dw.fact_sales_2024 FOR VALUES IN (1, 2, 3); -- expect-not: transaction.require-lock-timeout
CREATE TABLE dw.fact_sales_2024_rest PARTITION OF dw.fact_sales_2024 DEFAULT; -- expect-not: transaction.require-lock-timeout
CREATE INDEX fact_sales_store_idx ON dw.fact_sales (store_key, date_key); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
CREATE MATERIALIZED VIEW dw.mv_sales_by_month AS
    SELECT f.store_key, d.year, d.month, sum(f.amount) AS revenue
    FROM dw.fact_sales f JOIN dw.dim_date d USING (date_key)
    GROUP BY 1, 2, 3
    WITH NO DATA;
CREATE UNIQUE INDEX mv_sales_by_month_key ON dw.mv_sales_by_month (store_key, year, month); -- expect-not: index.require-concurrently
