SET lock_timeout = '2s';
ALTER TABLE public.countries ADD COLUMN iso3 text;
UPDATE public.countries SET iso3 = upper(code) || 'X' WHERE iso3 IS NULL; -- expect: statement.mix-ddl-dml
DELETE FROM public.settings WHERE key = 'obsolete'; -- expect: statement.mix-ddl-dml
INSERT INTO public.settings (key, value) -- expect: statement.mix-ddl-dml; expect-not: statement.insert.must-specify-column
VALUES ('iso3', 'on');
CREATE TABLE public.continents (code text PRIMARY KEY, name text NOT NULL);
INSERT INTO public.continents (code, name) VALUES ('eu', 'Europe'); -- expect-not: statement.mix-ddl-dml
SELECT count(*) FROM public.countries; -- expect-not: statement.mix-ddl-dml
