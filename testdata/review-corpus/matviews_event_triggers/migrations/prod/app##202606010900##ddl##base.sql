CREATE TABLE public.page_views (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, path text NOT NULL, viewed_at timestamptz NOT NULL DEFAULT now());
CREATE MATERIALIZED VIEW public.daily_views AS SELECT path, date_trunc('day', viewed_at) AS day, count(*) AS n FROM public.page_views GROUP BY 1, 2;
CREATE UNIQUE INDEX daily_views_key ON public.daily_views (path, day);
