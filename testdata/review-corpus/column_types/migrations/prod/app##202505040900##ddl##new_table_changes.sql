CREATE TABLE public.drafts (id bigint PRIMARY KEY, words integer NOT NULL, title varchar(50) NOT NULL);
ALTER TABLE public.drafts ALTER COLUMN words TYPE bigint; -- expect-not: column.change-type
ALTER TABLE public.drafts ALTER COLUMN title TYPE varchar(10); -- expect-not: column.change-type
