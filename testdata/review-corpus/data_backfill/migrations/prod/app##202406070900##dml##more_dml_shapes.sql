WITH stale AS (SELECT 1) DELETE FROM public.ledger; -- expect: statement.update-delete-without-where
UPDATE ONLY public.accounts SET tier = 'free'; -- expect: statement.update-delete-without-where
DELETE FROM public.ledger USING public.accounts; -- expect: statement.update-delete-without-where
DELETE FROM public.ledger l USING public.accounts a WHERE l.account_id = a.id AND a.tier = 'closed'; -- expect-not: statement.update-delete-without-where
UPDATE public.accounts SET tier = 'free' WHERE true; -- expect-not: statement.update-delete-without-where
INSERT INTO public.accounts (id, email) SELECT id + 1000000, email FROM public.accounts WHERE id < 10; -- expect-not: statement.update-delete-without-where, statement.insert.must-specify-column
