-- A new table with a FOREIGN KEY takes SHARE ROW EXCLUSIVE on the referenced (existing) table.
CREATE TABLE public.session_events (id bigint PRIMARY KEY, session_id bigint NOT NULL REFERENCES public.sessions (id), kind text NOT NULL); -- expect: transaction.require-lock-timeout; expect-not: constraint.fk-require-not-valid
CREATE TABLE public.session_tags (id bigint PRIMARY KEY, tag text NOT NULL); -- expect-not: transaction.require-lock-timeout
INSERT INTO public.sessions (id) VALUES (1); -- expect-not: transaction.require-lock-timeout
UPDATE public.devices SET name = 'x' WHERE id = 1; -- expect-not: transaction.require-lock-timeout
DROP TABLE public.devices; -- expect: table.drop, transaction.require-lock-timeout
TRUNCATE public.session_tags; -- expect-not: transaction.require-lock-timeout, table.truncate
