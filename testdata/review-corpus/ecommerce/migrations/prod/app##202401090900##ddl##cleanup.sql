SET lock_timeout = '2s';
ALTER TABLE public.products DROP COLUMN attributes; -- expect: column.drop
DROP TABLE public.product_reviews; -- expect: table.drop
ALTER TABLE public.orders RENAME COLUMN note TO customer_note; -- expect: column.rename
ALTER TABLE public.orders DROP CONSTRAINT orders_public_id_key; -- expect-not: column.drop, table.drop
