-- CRLF; with semicolons in comments;
SET lock_timeout = '2s';

ALTER TABLE public.stock ADD COLUMN reserved bigint NOT NULL; -- expect: column.add-required
CREATE INDEX stock_qty_idx ON public.stock (qty); -- expect: index.require-concurrently
ALTER TABLE public.warehouses -- expect: constraint.check-require-not-valid
  ADD CONSTRAINT warehouses_code_upper
  CHECK (code = upper(code));
ALTER TABLE public.warehouses ALTER COLUMN code TYPE varchar(20); -- expect-not: column.change-type
ALTER TABLE public.warehouses ALTER COLUMN code TYPE varchar(5); -- expect: column.change-type
