CREATE TABLE public.metrics (id bigint PRIMARY KEY, host text NOT NULL, value double precision NOT NULL, taken_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX metrics_host_idx ON public.metrics (host); -- expect-not: index.require-concurrently
CREATE MATERIALIZED VIEW public.metrics_daily AS SELECT host, date_trunc('day', taken_at) AS day, avg(value) AS avg_value FROM public.metrics GROUP BY 1, 2;
-- The view was populated from public.metrics when it was created (no assertion: see the views scenario).
CREATE UNIQUE INDEX metrics_daily_key ON public.metrics_daily (host, day);
