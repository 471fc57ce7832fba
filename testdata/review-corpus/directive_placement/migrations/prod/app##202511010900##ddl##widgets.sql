CREATE TABLE public.widgets (id bigint PRIMARY KEY, name text NOT NULL, category text NOT NULL, legacy text);
