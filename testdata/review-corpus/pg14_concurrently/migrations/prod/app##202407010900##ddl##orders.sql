CREATE TABLE public.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    status text NOT NULL DEFAULT 'new'
);
-- An index on a table this file creates: nothing to build concurrently.
CREATE INDEX orders_status_idx ON public.orders (status); -- expect-not: index.concurrently-pg14-corruption
