SET lock_timeout = '2s';
DROP TABLE public.legacy_orders; -- expect: table.drop-naming-convention, table.drop
DROP TABLE public.archive_del; -- expect-not: table.drop-naming-convention
DROP TABLE IF EXISTS public.audit_del, public.audit_trail; -- expect: table.drop-naming-convention
ALTER TABLE public.orders RENAME TO orders_del;
DROP TABLE orders_del; -- expect-not: table.drop-naming-convention
DROP TABLE "public"."Orders_DEL"; -- expect: table.drop-naming-convention
DROP VIEW IF EXISTS public.order_report; -- expect-not: table.drop-naming-convention
