-- dbcd:ignore-file table.drop : legacy cleanup approved in OPS-42
SET lock_timeout = '2s';
DROP TABLE public.legacy_a; -- expect-not: table.drop
DROP TABLE public.legacy_b; -- expect: table.drop-naming-convention; expect-not: table.drop
