SET lock_timeout = '2s';
-- dbcd:ignore index.require-concurrently : the table has 12 rows
CREATE INDEX widgets_name_idx ON public.widgets (name); -- expect-not: index.require-concurrently
CREATE INDEX widgets_kind_idx ON public.widgets (kind); -- expect: index.require-concurrently
-- dbcd:ignore column.drop : nothing reads legacy since release 4.2
ALTER TABLE public.widgets DROP COLUMN legacy; -- expect-not: column.drop
ALTER TABLE public.widgets DROP COLUMN color; -- expect: column.drop
-- (a directive covers the next statement only)
-- dbcd:ignore column.rename : the API maps kind to category
ALTER TABLE public.widgets RENAME COLUMN kind TO category; -- expect-not: column.rename
ALTER TABLE public.widgets RENAME COLUMN name TO title; -- expect: column.rename
