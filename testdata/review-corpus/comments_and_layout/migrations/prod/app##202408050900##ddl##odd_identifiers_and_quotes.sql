SET lock_timeout = '2s';
CREATE TABLE public."weird;--name" (id bigint PRIMARY KEY, "semi;colon" text NOT NULL DEFAULT ';'); CREATE INDEX labels_id_label_idx ON public.labels (id, label); -- expect: index.require-concurrently; expect-not: table.drop
CREATE FUNCTION public.quoted() RETURNS text LANGUAGE plpgsql AS $outer$ BEGIN RETURN $inner$ ; -- $inner$; END $outer$; DROP TABLE public."weird;--name"; -- expect-not: table.drop
CREATE TABLE public.notes_tmp (id bigint PRIMARY KEY, body text NOT NULL DEFAULT $$it's a 'note'; really$$); ALTER TABLE public.articles DROP COLUMN title; -- expect: column.drop; expect-not: table.drop
/* a comment that mentions DROP TABLE public.articles; and a nested /* DROP TABLE public.labels; */ comment */ ALTER TABLE public.labels RENAME COLUMN label TO caption; -- expect: column.rename; expect-not: table.drop
-- The last statement has no semicolon and the file no final newline.
ALTER TABLE public.labels DROP COLUMN caption -- expect: column.drop