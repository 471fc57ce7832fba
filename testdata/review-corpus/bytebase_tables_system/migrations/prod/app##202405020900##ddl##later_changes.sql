-- Changes to tables of the previous file.
SET lock_timeout = '2s';
ALTER TABLE public.customers ADD COLUMN nickname text; -- expect-not: column.comment
COMMENT ON COLUMN public.customers.nickname IS 'What the customer wants to be called in e-mails, chats and on the phone by support'; -- expect: column.comment, system.comment.length
-- A comment on a table created in an earlier file: only system.comment.length applies.
COMMENT ON TABLE public.customers IS 'People who placed at least one order in any of our shops since the migration of 2019'; -- expect: system.comment.length; expect-not: table.comment
COMMENT ON COLUMN public.customers.email IS 'Login and contact address, unique per customer, verified at sign-up by mail'; -- expect: system.comment.length; expect-not: column.comment
COMMENT ON INDEX public.customers_pkey IS 'Primary key of customers, used by every order lookup and every join from orders'; -- expect: system.comment.length
COMMENT ON SCHEMA public IS 'Shop data'; -- expect-not: system.comment.length
ALTER TABLE public.customers ADD COLUMN display_name text COLLATE "C"; -- expect: system.collation.allowlist
ALTER TABLE public.customers ALTER COLUMN name TYPE text COLLATE "en-x-icu"; -- expect: system.collation.allowlist
SELECT id FROM public.customers WHERE name < 'M' COLLATE "C"; -- expect: system.collation.allowlist
ALTER TABLE public.customers ADD COLUMN referrer_id bigint REFERENCES public.customers (id); -- expect: table.no-foreign-key
ALTER TABLE public.events DETACH PARTITION public.events_2024; -- expect-not: table.disallow-partition
