SET lock_timeout = '1s';
-- handle is varchar(40) since the previous file: 30 shrinks it.
ALTER TABLE public.profiles ALTER COLUMN handle TYPE varchar(30); -- expect: column.change-type
ALTER TABLE public.profiles ALTER COLUMN score TYPE numeric(14,4); -- expect: column.change-type
ALTER TABLE public.profiles ALTER COLUMN legacy_id TYPE bigint; -- expect: column.change-type
ALTER TABLE public.profiles ALTER COLUMN born_on TYPE timestamptz; -- expect: column.change-type
ALTER TABLE public.profiles ALTER COLUMN score TYPE numeric; -- expect-not: column.change-type
ALTER TABLE public.profiles ALTER COLUMN notes TYPE varchar(100); -- expect: column.change-type
