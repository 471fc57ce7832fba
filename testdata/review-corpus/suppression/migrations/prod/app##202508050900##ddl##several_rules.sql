-- dbcd:ignore-file column.drop, transaction.require-lock-timeout : approved in OPS-77
ALTER TABLE public.widgets DROP COLUMN title; -- expect-not: column.drop, transaction.require-lock-timeout
-- dbcd:ignore table.drop,table.drop-naming-convention : archived
DROP TABLE public.widgets; -- expect-not: table.drop, table.drop-naming-convention
