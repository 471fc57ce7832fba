SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS countries_name_idx ON public.countries (name);
TRUNCATE public.settings; -- expect: statement.mix-ddl-dml
MERGE INTO public.numbers AS t USING (SELECT 1 AS n) AS v ON t.n = v.n WHEN NOT MATCHED THEN INSERT (n) VALUES (v.n); -- expect: statement.mix-ddl-dml
