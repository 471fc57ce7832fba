-- SET ROLE after the first other statement does not count.
ALTER TABLE public.countries DROP COLUMN currency; -- expect: statement.check-set-role-variable
SET ROLE app_owner; -- expect-not: statement.check-set-role-variable
