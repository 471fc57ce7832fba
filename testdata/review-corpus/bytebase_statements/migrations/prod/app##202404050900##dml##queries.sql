SET ROLE app_owner;
SELECT id, email FROM public.customers; -- expect: statement.where.require.select; expect-not: statement.select.no-select-all
SELECT id, email -- expect-not: statement.where.require.select, statement.select.no-select-all
FROM public.customers
WHERE active;
SELECT * FROM public.customers WHERE id = 1; -- expect: statement.select.no-select-all; expect-not: statement.where.require.select
SELECT c.* FROM public.customers AS c WHERE c.active; -- expect: statement.select.no-select-all
SELECT count(*) FROM public.customers WHERE active; -- expect-not: statement.select.no-select-all, statement.where.require.select
SELECT setval('public.customers_id_seq', 1000); -- expect-not: statement.where.require.select, statement.select.no-select-all
SELECT id FROM public.customers WHERE EXISTS (SELECT * FROM public.countries WHERE code = 'nl'); -- expect-not: statement.select.no-select-all
SELECT id FROM public.customers WHERE email LIKE '%@example.com'; -- expect: statement.where.no-leading-wildcard-like
SELECT id FROM public.customers WHERE email LIKE 'admin@%'; -- expect-not: statement.where.no-leading-wildcard-like
UPDATE public.customers SET active = false WHERE email ILIKE '%@test.invalid'; -- expect: statement.where.no-leading-wildcard-like
DELETE FROM public.customers -- expect: statement.where.no-leading-wildcard-like
WHERE name NOT LIKE '%keep%';
UPDATE public.customers SET name = 'x' WHERE name LIKE 'a%b%'; -- expect-not: statement.where.no-leading-wildcard-like
CREATE VIEW public.active_customers AS SELECT * FROM public.customers WHERE active; -- expect: statement.select.no-select-all
CREATE VIEW public.customer_emails AS SELECT id, email FROM public.customers WHERE active; -- expect-not: statement.select.no-select-all
