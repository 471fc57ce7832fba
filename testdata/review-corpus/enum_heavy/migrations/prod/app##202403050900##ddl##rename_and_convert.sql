SET lock_timeout = '2s';
ALTER TYPE public.order_status RENAME VALUE 'new' TO 'created'; -- expect: type.enum-rename-value
CREATE TYPE public.priority AS ENUM ('low', 'high'); -- expect: type.avoid-enum
ALTER TABLE public.shipments ADD COLUMN urgency public.priority NOT NULL DEFAULT 'low'; -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE public.shipments ADD COLUMN state public.order_status NOT NULL DEFAULT 'paid'::public.order_status; -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE public.shipments ALTER COLUMN level DROP DEFAULT;
ALTER TABLE public.shipments ALTER COLUMN level TYPE public.priority USING level::public.priority; -- expect: column.change-type
