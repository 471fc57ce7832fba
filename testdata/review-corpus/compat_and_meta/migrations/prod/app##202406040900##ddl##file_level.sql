-- dbcd:ignore-file table.drop : nothing is dropped in this file; expect: suppression.unused
-- dbcd:ignore-file column.add-required : backfilled by the deploy job; expect-not: suppression.unused
SET lock_timeout = '2s';
ALTER TABLE public.customers ADD COLUMN tier text NOT NULL; -- expect-not: column.add-required
