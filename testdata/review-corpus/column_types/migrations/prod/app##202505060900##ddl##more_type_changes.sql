SET lock_timeout = '1s';
ALTER TABLE public.drafts ALTER COLUMN title TYPE varchar(10); -- expect-not: column.change-type
ALTER TABLE public.profiles ALTER COLUMN score TYPE numeric(10,2); -- expect: column.change-type
ALTER TABLE public.profiles ALTER COLUMN born_on TYPE timestamp; -- expect: column.change-type
ALTER TABLE public.profiles ALTER COLUMN score TYPE numeric(8,2); -- expect: column.change-type
