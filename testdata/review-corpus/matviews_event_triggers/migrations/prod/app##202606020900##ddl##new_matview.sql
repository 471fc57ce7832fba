-- A matview created WITH NO DATA must be refreshed without CONCURRENTLY once (nobody can read it yet).
CREATE MATERIALIZED VIEW public.weekly_views AS SELECT path, date_trunc('week', viewed_at) AS week, count(*) AS n FROM public.page_views GROUP BY 1, 2 WITH NO DATA; -- expect-not: transaction.require-lock-timeout
CREATE UNIQUE INDEX weekly_views_key ON public.weekly_views (path, week); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
REFRESH MATERIALIZED VIEW public.weekly_views; -- expect-not: matview.refresh-concurrently, transaction.require-lock-timeout
-- daily_views exists and is read by the application.
REFRESH MATERIALIZED VIEW public.daily_views; -- expect: matview.refresh-concurrently, transaction.require-lock-timeout
REFRESH MATERIALIZED VIEW CONCURRENTLY public.daily_views; -- expect-not: matview.refresh-concurrently
REFRESH MATERIALIZED VIEW public.daily_views WITH NO DATA; -- expect: transaction.require-lock-timeout
CREATE INDEX daily_views_n_idx ON public.daily_views (n); -- expect: index.require-concurrently
DROP MATERIALIZED VIEW public.weekly_views; -- expect-not: table.drop
DROP MATERIALIZED VIEW public.daily_views; -- expect-not: table.drop, statement.cascade
