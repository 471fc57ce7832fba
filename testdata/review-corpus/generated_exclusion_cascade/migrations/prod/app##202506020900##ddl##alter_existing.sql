SET lock_timeout = '2s';
ALTER TABLE public.customers ADD COLUMN name_lower text GENERATED ALWAYS AS (lower(name)) STORED; -- expect: column.add-generated-stored
ALTER TABLE "public"."orders" -- expect: column.add-generated-stored
    ADD COLUMN tax_rate numeric
        GENERATED ALWAYS AS (tax / nullif(net, 0)) STORED;
ALTER TABLE public.orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY; -- expect-not: column.add-generated-stored
ALTER TABLE public.orders ADD COLUMN label text DEFAULT 'x'; -- expect-not: column.add-generated-stored
ALTER TABLE public.readings ADD COLUMN fahrenheit numeric GENERATED ALWAYS AS (celsius * 9 / 5 + 32) STORED; -- expect: column.add-generated-stored
ALTER TABLE public.bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&); -- expect: constraint.exclusion
ALTER TABLE public.bookings -- expect: constraint.exclusion
    ADD CONSTRAINT bookings_guest_once
    EXCLUDE USING gist (guest WITH =, during WITH &&) WHERE (guest IS NOT NULL);
ALTER TABLE public.bookings ADD CONSTRAINT bookings_room_check CHECK (room > 0) NOT VALID; -- expect-not: constraint.exclusion
ALTER TABLE public.notes ADD CONSTRAINT notes_customer_fk FOREIGN KEY (id) REFERENCES public.customers (id) ON DELETE CASCADE NOT VALID; -- expect: constraint.fk-on-delete-cascade
ALTER TABLE public.notes ADD CONSTRAINT notes_customer_fk2 FOREIGN KEY (id) REFERENCES public.customers (id) ON DELETE RESTRICT NOT VALID; -- expect-not: constraint.fk-on-delete-cascade
ALTER TABLE public.notes ADD COLUMN customer_id bigint REFERENCES public.customers (id) ON DELETE CASCADE; -- expect: constraint.fk-on-delete-cascade
CREATE TABLE public.fresh (id bigint PRIMARY KEY, v numeric);
INSERT INTO public.fresh (id, v) VALUES (1, 2);
ALTER TABLE public.fresh ADD COLUMN v2 numeric GENERATED ALWAYS AS (v * 2) STORED; -- expect: column.add-generated-stored
