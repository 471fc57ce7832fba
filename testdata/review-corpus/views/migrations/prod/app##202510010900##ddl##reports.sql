CREATE TABLE public.sales (id bigint PRIMARY KEY, region text NOT NULL, amount numeric(12,2) NOT NULL, sold_at timestamptz NOT NULL DEFAULT now());
CREATE VIEW public.sales_by_region AS SELECT region, sum(amount) AS total FROM public.sales GROUP BY region;
CREATE MATERIALIZED VIEW public.sales_daily AS SELECT region, date_trunc('day', sold_at) AS day, sum(amount) AS total FROM public.sales GROUP BY 1, 2 WITH NO DATA;
-- The materialized view was created above (empty): its index is not a lock problem.
CREATE UNIQUE INDEX sales_daily_key ON public.sales_daily (region, day); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
