SET lock_timeout = '2s';
ALTER TABLE public.orders ALTER COLUMN note TYPE varchar(500); -- expect-not: column.change-type
ALTER TABLE public.order_items ALTER COLUMN quantity TYPE bigint; -- expect: column.change-type
ALTER TABLE public.orders ALTER COLUMN placed_at TYPE timestamptz; -- expect: column.change-type
ALTER TABLE public.products ALTER COLUMN price TYPE numeric(12,2); -- expect-not: column.change-type
ALTER TABLE public.products ALTER COLUMN sku TYPE text; -- expect-not: column.change-type
