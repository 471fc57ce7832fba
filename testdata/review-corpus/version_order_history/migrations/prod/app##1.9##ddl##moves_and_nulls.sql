SET lock_timeout = '2s';
ALTER TABLE public.mover SET SCHEMA crm;
ALTER TABLE public.nn ALTER COLUMN w DROP NOT NULL; -- expect: column.drop-not-null
ALTER TABLE public.nn ADD CONSTRAINT nn_x_present CHECK (x IS NOT NULL); -- expect: constraint.check-require-not-valid
ALTER TABLE public.nn ADD COLUMN y text NOT NULL DEFAULT ''; -- expect-not: column.add-required
ALTER TABLE public.base RENAME TO base_v2; -- expect: table.rename
ALTER TABLE public.base_v2 RENAME COLUMN title TO headline; -- expect: column.rename
