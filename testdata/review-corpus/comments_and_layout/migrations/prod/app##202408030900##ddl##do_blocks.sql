DO -- expect: statement.dynamic-sql; expect-not: transaction.unclosed, transaction.nesting
$$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'articles_body_idx') THEN
    EXECUTE 'CREATE INDEX articles_body_idx ON public.articles (md5(body))';
  END IF;
END
$$;
DO LANGUAGE plpgsql $do$ BEGIN RAISE NOTICE 'semicolons; inside; strings'; END $do$; ALTER TABLE public.articles DROP COLUMN slug; -- expect: statement.dynamic-sql, column.drop
SELECT 1; /* trailing; block; comment */ DROP TABLE public.article_tags; -- expect: table.drop
