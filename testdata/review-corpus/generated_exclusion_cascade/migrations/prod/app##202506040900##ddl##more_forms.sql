SET lock_timeout = '2s';
ALTER TABLE IF EXISTS public.customers ADD COLUMN IF NOT EXISTS name_upper text GENERATED ALWAYS AS (upper(name)) STORED; -- expect: column.add-generated-stored
ALTER TABLE ONLY public.bookings ADD CONSTRAINT bookings_x EXCLUDE USING gist (room WITH =); -- expect: constraint.exclusion
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk2 FOREIGN KEY (customer_id) REFERENCES public.customers ON DELETE NO ACTION NOT VALID; -- expect-not: constraint.fk-on-delete-cascade
CREATE TABLE public.order_tags ( -- expect: constraint.fk-on-delete-cascade
    order_id bigint NOT NULL REFERENCES public.orders (id) ON DELETE RESTRICT,
    customer_id bigint NOT NULL,
    tag text NOT NULL,
    PRIMARY KEY (order_id, tag),
    FOREIGN KEY (customer_id) REFERENCES public.customers (id) MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE public.readings_2026 PARTITION OF public.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); -- expect-not: column.add-generated-stored
