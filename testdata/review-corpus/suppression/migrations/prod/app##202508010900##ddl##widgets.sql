CREATE TABLE public.widgets (id bigint PRIMARY KEY, name text NOT NULL, kind text NOT NULL, legacy text, color text);
CREATE TABLE public.legacy_a (id bigint PRIMARY KEY);
CREATE TABLE public.legacy_b (id bigint PRIMARY KEY);
