SET lock_timeout = '1s';
ALTER TABLE public.profiles ALTER COLUMN handle TYPE varchar(40); -- expect-not: column.change-type
ALTER TABLE public.profiles ALTER COLUMN bio TYPE text; -- expect-not: column.change-type
ALTER TABLE public.profiles ALTER COLUMN score TYPE numeric(14,2); -- expect-not: column.change-type
ALTER TABLE public.profiles ALTER COLUMN notes TYPE varchar; -- expect-not: column.change-type
ALTER TABLE public.profiles ALTER COLUMN code TYPE varchar; -- expect-not: column.change-type
ALTER TABLE public.profiles ALTER COLUMN handle TYPE character varying(40); -- expect-not: column.change-type
