SET lock_timeout = '2s'; -- expect-not: statement.check-set-role-variable
SET statement_timeout = '5min';
SET ROLE app_owner;
ALTER TABLE public.countries ADD COLUMN currency text; -- expect-not: statement.check-set-role-variable, statement.merge-alter-table
