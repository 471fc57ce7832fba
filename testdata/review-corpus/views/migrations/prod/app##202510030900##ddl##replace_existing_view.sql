-- CREATE OR REPLACE VIEW takes ACCESS EXCLUSIVE on the (existing) view.
CREATE OR REPLACE VIEW public.sales_by_region AS SELECT region, sum(amount) AS total, count(*) AS n FROM public.sales GROUP BY region; -- expect: transaction.require-lock-timeout
REFRESH MATERIALIZED VIEW public.sales_daily; -- expect: matview.refresh-concurrently, transaction.require-lock-timeout
CREATE INDEX sales_daily_total_idx ON public.sales_daily (total); -- expect: index.require-concurrently
DROP VIEW public.sales_recent; -- expect-not: table.drop, statement.cascade
