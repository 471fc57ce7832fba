/* block comment
   spanning CRLF lines; */
CREATE INDEX CONCURRENTLY stock_reserved_idx ON public.stock (reserved); -- expect-not: index.require-concurrently
ALTER TABLE public.stock RENAME COLUMN qty TO on_hand; ALTER TABLE public.warehouses DROP COLUMN city; -- expect: column.rename, column.drop
DROP TABLE public.stock; -- expect: table.drop
