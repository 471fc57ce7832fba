SET lock_timeout = '2s';
ALTER TABLE public.items RENAME COLUMN summary TO description; -- expect: column.rename; expect-not: table.rename
ALTER TABLE IF EXISTS public.suppliers RENAME TO vendors; -- expect: table.rename; expect-not: column.rename
ALTER TABLE public.vendors RENAME COLUMN name TO vendor_name; -- expect: column.rename
ALTER TABLE public.items RENAME CONSTRAINT items_price_check TO items_price_nonnegative; -- expect-not: column.rename, table.rename
ALTER INDEX public.items_sku_idx RENAME TO items_sku_key_idx; -- expect-not: table.rename, column.rename
ALTER VIEW public.items_live RENAME TO live_items; -- expect: table.rename
ALTER TYPE public.item_state RENAME VALUE 'live' TO 'published'; -- expect: type.enum-rename-value
-- Created here: renaming it breaks nobody.
CREATE TABLE public.tags (id bigint PRIMARY KEY, label text NOT NULL);
ALTER TABLE public.tags RENAME COLUMN label TO name; -- expect-not: column.rename
ALTER TABLE public.tags RENAME TO item_tags; -- expect-not: table.rename
CREATE INDEX item_tags_name_idx ON public.item_tags (name); -- expect-not: index.require-concurrently
-- The renamed vendors table is still an existing table.
CREATE INDEX vendors_item_idx ON public.vendors (item_id); -- expect: index.require-concurrently
ALTER TABLE public.vendors ALTER COLUMN vendor_name DROP NOT NULL; -- expect: column.drop-not-null
ALTER TABLE public.items ALTER COLUMN qty DROP DEFAULT; -- expect-not: column.drop, column.drop-not-null
ALTER TABLE public.items DROP CONSTRAINT items_price_nonnegative; -- expect-not: column.drop, table.drop
-- Dropping the foreign key also takes ACCESS EXCLUSIVE on the referenced table.
RESET lock_timeout;
ALTER TABLE public.vendors DROP CONSTRAINT vendors_item_id_fkey; -- expect: transaction.require-lock-timeout
ALTER TABLE public.vendors DROP CONSTRAINT IF EXISTS suppliers_item_id_fkey; -- expect: transaction.require-lock-timeout
