SET lock_timeout = '2s';
-- Every column below is known from earlier files (schema elements, LIKE, SET SCHEMA, renames).
ALTER TABLE crm.leads ALTER COLUMN name TYPE varchar(40); -- expect-not: column.change-type
ALTER TABLE crm.leads ALTER COLUMN score TYPE numeric(12,2); -- expect-not: column.change-type
ALTER TABLE crm.leads ALTER COLUMN n TYPE int4; -- expect-not: column.change-type
ALTER TABLE public.copy1 ALTER COLUMN code TYPE varchar(20); -- expect-not: column.change-type
ALTER TABLE crm.mover ALTER COLUMN label TYPE varchar(20); -- expect-not: column.change-type
ALTER TABLE public.base_v2 ALTER COLUMN headline TYPE varchar(60); -- expect-not: column.change-type
ALTER TABLE public.base_v2 ALTER COLUMN code TYPE varchar(5); -- expect: column.change-type
ALTER TABLE public.kids ADD CONSTRAINT kids_a_fk FOREIGN KEY (a) REFERENCES public.parents (id) NOT VALID; -- expect-not: index.foreign-key-missing-index, constraint.fk-require-not-valid
ALTER TABLE public.kids ADD CONSTRAINT kids_d_fk FOREIGN KEY (d) REFERENCES public.parents (id) ON DELETE CASCADE NOT VALID; -- expect: index.foreign-key-missing-index, constraint.fk-on-delete-cascade; expect-not: constraint.fk-require-not-valid
ALTER TABLE public.kids ADD CONSTRAINT kids_bd_fk FOREIGN KEY (b, d) REFERENCES public.parents (id, key2) NOT VALID; -- expect: index.foreign-key-missing-index
ALTER TABLE public.kids ADD CONSTRAINT kids_cb_fk FOREIGN KEY (c, b) REFERENCES public.parents (id, key2) NOT VALID; -- expect-not: index.foreign-key-missing-index
CREATE UNIQUE INDEX CONCURRENTLY nn_v_key ON public.nn (v);
ALTER TABLE public.nn ADD CONSTRAINT nn_pkey PRIMARY KEY USING INDEX nn_v_key; -- expect-not: constraint.primary-key-require-index
ALTER TABLE public.nn ALTER COLUMN x SET NOT NULL; -- expect-not: column.set-not-null
ALTER TABLE public.nn ALTER COLUMN w SET NOT NULL; -- expect: column.set-not-null
CREATE UNIQUE INDEX CONCURRENTLY nn_w_key ON public.nn (w);
