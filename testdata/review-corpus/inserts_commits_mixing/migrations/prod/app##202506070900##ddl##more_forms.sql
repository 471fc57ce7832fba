SET lock_timeout = '2s';
CREATE TABLE public.languages (code text PRIMARY KEY, name text);
WITH src AS (SELECT 'en' AS code, 'English' AS name) -- expect: statement.insert.must-specify-column; expect-not: statement.mix-ddl-dml
INSERT INTO public.languages SELECT code, name FROM src;
INSERT INTO public.languages (code, name) -- expect-not: statement.insert.must-specify-column, statement.mix-ddl-dml
SELECT 'fr', 'French';
COPY public.settings (key, value) FROM '/tmp/settings.csv' WITH (FORMAT csv); -- expect: statement.mix-ddl-dml
COPY public.settings TO STDOUT; -- expect-not: statement.mix-ddl-dml
UPDATE public.languages SET name = initcap(name) WHERE code = 'en'; -- expect-not: statement.mix-ddl-dml
BEGIN;
INSERT INTO public.settings (key, value) VALUES ('lang', 'en'); -- expect: statement.mix-ddl-dml
COMMIT; -- expect: statement.disallow-commit
