SET lock_timeout = '2s';
-- dbcd:ignore-file column.drop : placed after the first statement, so it is not a file directive
ALTER TABLE public.widgets DROP COLUMN category; -- expect: column.drop
