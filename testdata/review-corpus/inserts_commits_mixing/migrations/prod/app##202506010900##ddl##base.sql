CREATE TABLE public.countries (code text PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.numbers (n bigint PRIMARY KEY);
CREATE TABLE public.settings (key text PRIMARY KEY, value text);
INSERT INTO public.countries VALUES ('at', 'Austria'); -- expect: statement.insert.must-specify-column; expect-not: statement.mix-ddl-dml
INSERT INTO public.countries (code, name) VALUES ('de', 'Germany'); -- expect-not: statement.insert.must-specify-column, statement.mix-ddl-dml
INSERT INTO public.settings SELECT 'a', 'b'; -- expect: statement.insert.must-specify-column
