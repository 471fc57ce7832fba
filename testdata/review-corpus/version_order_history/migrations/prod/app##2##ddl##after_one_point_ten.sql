SET lock_timeout = '2s';
-- y came with NOT NULL DEFAULT in 1.9; w became NOT NULL in 1.10.
CREATE UNIQUE INDEX CONCURRENTLY nn_y_key ON public.nn (y);
ALTER TABLE public.nn DROP CONSTRAINT nn_pkey;
ALTER TABLE public.nn ADD CONSTRAINT nn_pkey PRIMARY KEY USING INDEX nn_y_key; -- expect-not: constraint.primary-key-require-index
CREATE UNIQUE INDEX CONCURRENTLY nn_id_key ON public.nn (id);
ALTER TABLE public.nn DROP CONSTRAINT nn_pkey;
ALTER TABLE public.nn ADD CONSTRAINT nn_pkey PRIMARY KEY USING INDEX nn_id_key; -- expect: constraint.primary-key-require-index
