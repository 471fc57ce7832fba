SET lock_timeout = '2s';
-- dbcd:ignore column.drop : nothing reads remark since 5.1; expect-not: suppression.unused
ALTER TABLE public.customers DROP COLUMN remark; -- expect-not: column.drop
-- dbcd:ignore column.drop : copied from the statement above; expect: suppression.unused
ALTER TABLE public.customers ADD COLUMN phone text;
-- dbcd:ignore column.dropp : typo in the rule id; expect: suppression.unused
ALTER TABLE public.customers DROP COLUMN email; -- expect: column.drop
ALTER TABLE public.orders DROP COLUMN currency; -- dbcd:ignore column.drop : trailing form; expect-not: suppression.unused, column.drop
ALTER TABLE public.orders ADD COLUMN note text; -- dbcd:ignore column.drop : trailing, nothing to suppress; expect: suppression.unused
-- dbcd:ignore column.drop, column.rename : one of two used; expect: suppression.unused
ALTER TABLE public.orders DROP COLUMN total_amount; -- expect-not: column.drop
