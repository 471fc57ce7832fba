CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE public.customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.orders ( -- expect: constraint.fk-on-delete-cascade; expect-not: column.add-generated-stored
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id) ON DELETE CASCADE,
    net numeric NOT NULL,
    tax numeric NOT NULL,
    gross numeric GENERATED ALWAYS AS (net + tax) STORED
);
CREATE TABLE public.order_lines ( -- expect: constraint.fk-on-delete-cascade
    order_id bigint NOT NULL,
    line_no int NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id)
        REFERENCES public.orders (id) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE TABLE public.notes (id bigint PRIMARY KEY, order_id bigint REFERENCES public.orders ON DELETE SET NULL ON UPDATE CASCADE); -- expect-not: constraint.fk-on-delete-cascade
CREATE TABLE public.bookings (id bigint PRIMARY KEY, room int NOT NULL, during tstzrange NOT NULL, guest text);
CREATE TABLE public.rooms ( -- expect-not: constraint.exclusion
    id bigint PRIMARY KEY,
    during tstzrange NOT NULL,
    EXCLUDE USING gist (id WITH =, during WITH &&)
);
CREATE TABLE public.readings (sensor bigint NOT NULL, at timestamptz NOT NULL, celsius numeric, PRIMARY KEY (sensor, at)) PARTITION BY RANGE (at);
CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.staged (id bigint PRIMARY KEY, a numeric, b numeric);
ALTER TABLE public.staged ADD COLUMN c numeric GENERATED ALWAYS AS (a * b) STORED; -- expect-not: column.add-generated-stored
ALTER TABLE public.staged ADD CONSTRAINT staged_excl EXCLUDE USING gist (id WITH =); -- expect-not: constraint.exclusion
CREATE INDEX staged_wide_idx ON public.staged (id, a, b, c); -- expect: index.max-columns
