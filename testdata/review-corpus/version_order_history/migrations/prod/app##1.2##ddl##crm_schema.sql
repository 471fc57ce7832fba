-- Versions compare as numbers, segment by segment: 1.2 < 1.9 < 1.10.
CREATE SCHEMA crm CREATE TABLE leads (id bigint PRIMARY KEY, name varchar(20) NOT NULL, score decimal(10,2), n integer, note text);
CREATE TABLE public.base (id bigint PRIMARY KEY, code varchar(10) NOT NULL, title varchar(30));
CREATE TABLE public.copy1 (LIKE public.base INCLUDING ALL);
CREATE TABLE public.mover (id bigint PRIMARY KEY, label varchar(10));
CREATE TABLE public.parents (id bigint PRIMARY KEY, key2 bigint NOT NULL, UNIQUE (id, key2));
CREATE TABLE public.kids (id bigint PRIMARY KEY, a bigint NOT NULL, b bigint NOT NULL, c bigint NOT NULL, d bigint);
CREATE INDEX kids_a_idx ON public.kids (a);
CREATE INDEX kids_cb_idx ON public.kids (c, b);
CREATE TABLE public.nn (id bigint, v text NOT NULL, w text NOT NULL DEFAULT '', x text);
