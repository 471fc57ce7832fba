SET lock_timeout = '2s';
-- sku is varchar(40) since the previous file, title varchar(120).
ALTER TABLE public.items ALTER COLUMN sku TYPE varchar(30); -- expect: column.change-type
ALTER TABLE public.items ALTER COLUMN title TYPE varchar(120); -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN title TYPE text; -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN title TYPE varchar; -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN qty TYPE bigint; -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN summary TYPE varchar(1000); -- expect-not: column.change-type
