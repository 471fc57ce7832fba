SET lock_timeout = '2s'; SET statement_timeout = '5min';
-- several statements on one line: findings of both share the line
ALTER TABLE public.articles ADD COLUMN slug text; CREATE INDEX articles_slug_idx ON public.articles (slug); -- expect: index.require-concurrently; expect-not: column.add-required
/* leading block comment; on the same line */ CREATE INDEX articles_title_idx ON public.articles (title); -- expect: index.require-concurrently
ALTER TABLE public.articles -- expect: column.add-volatile-default; expect-not: column.add-required
  ADD COLUMN views bigint NOT NULL DEFAULT 0,
  ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid();

COMMENT ON COLUMN public.articles.body IS E'it\'s; markdown -- with dashes'; ALTER TABLE public.tags RENAME COLUMN name TO label; -- expect: column.rename
CREATE INDEX CONCURRENTLY articles_views_idx -- expect-not: index.require-concurrently
  ON public.articles (views);
-- comment line before the statement
-- and another one; with a semicolon
ALTER TABLE public.tags RENAME TO labels; -- expect: table.rename
