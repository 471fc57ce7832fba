CREATE TABLE public.items (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL, qty bigint NOT NULL, meta jsonb NOT NULL DEFAULT '{}');
