SET lock_timeout = '2s';
ALTER TABLE public.items ALTER COLUMN sku TYPE varchar(40); -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN title TYPE character varying(120); -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN summary TYPE varchar(500); -- expect: column.change-type
ALTER TABLE public.items ALTER COLUMN qty TYPE integer; -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN qty TYPE int8; -- expect: column.change-type
ALTER TABLE public.items ALTER COLUMN weight TYPE double precision; -- expect: column.change-type
ALTER TABLE public.items ALTER COLUMN price TYPE numeric(10,2); -- expect-not: column.change-type
ALTER TABLE public.items ALTER COLUMN price TYPE numeric(10,3); -- expect: column.change-type
ALTER TABLE public.items ALTER COLUMN made_at TYPE timestamp; -- expect: column.change-type
ALTER TABLE public.items ALTER COLUMN state TYPE text; -- expect: column.change-type
ALTER TABLE public.items ALTER COLUMN id TYPE bigint; -- expect: column.change-type
