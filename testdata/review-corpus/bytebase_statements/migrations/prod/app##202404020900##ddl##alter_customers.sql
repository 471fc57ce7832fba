SET lock_timeout = '2s'; -- expect: statement.check-set-role-variable
ALTER TABLE public.customers ADD COLUMN status text DEFAULT 'new'; -- expect: statement.disallow-add-column-with-default; expect-not: statement.merge-alter-table
ALTER TABLE public.customers -- expect: statement.merge-alter-table, statement.disallow-add-column-with-default
  ADD COLUMN tier int NOT NULL DEFAULT 0,
  ADD COLUMN notes text;
ALTER TABLE public.sample_customers ADD COLUMN note text; -- expect-not: statement.merge-alter-table, statement.disallow-add-column-with-default
ALTER TABLE public.sample_customers ALTER COLUMN note SET DEFAULT ''; -- expect: statement.merge-alter-table; expect-not: statement.disallow-add-column-with-default
ALTER TABLE public.countries ADD COLUMN iso3 text, ADD COLUMN numeric_code int; -- expect-not: statement.merge-alter-table, statement.disallow-add-column-with-default
