-- dbcd:ignore-file column.drop : placed before the first statement
SET lock_timeout = '2s';
ALTER TABLE public.widgets DROP COLUMN legacy; -- expect-not: column.drop
