SET lock_timeout = '2s';
ALTER TABLE public."Items" ADD COLUMN "Note" text; -- expect-not: column.add-required
ALTER TABLE public.items ADD COLUMN "Note" text; -- expect-not: column.add-required
ALTER TABLE public."Items" ADD CONSTRAINT "Items_Note_present" CHECK ("Note" IS NOT NULL) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE public."Items" VALIDATE CONSTRAINT "Items_Note_present"; -- expect-not: constraint.validate-same-transaction
-- The validated CHECK is on "Items", not on items.
ALTER TABLE public.items ALTER COLUMN "Note" SET NOT NULL; -- expect: column.set-not-null
ALTER TABLE public."Items" ALTER COLUMN "Note" SET NOT NULL; -- expect-not: column.set-not-null
