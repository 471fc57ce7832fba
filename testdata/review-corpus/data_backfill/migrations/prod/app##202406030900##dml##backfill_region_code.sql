-- Batched, re-runnable backfill.
UPDATE public.accounts SET region_code = upper(region) WHERE region_code IS NULL AND id BETWEEN 1 AND 50000; -- expect-not: statement.update-delete-without-where, transaction.require-lock-timeout, statement.mix-ddl-dml
WITH batch AS ( -- expect-not: statement.update-delete-without-where
  SELECT id FROM public.accounts WHERE region_code IS NULL ORDER BY id LIMIT 10000
)
UPDATE public.accounts a SET region_code = 'ZZ' FROM batch WHERE a.id = batch.id;
INSERT INTO public.ledger (account_id, amount_cents) SELECT id, balance_cents FROM public.accounts WHERE balance_cents <> 0 ON CONFLICT DO NOTHING; -- expect-not: statement.update-delete-without-where, statement.insert.must-specify-column
INSERT INTO public.accounts (id, email) VALUES (0, 'system@example.com') ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email; -- expect-not: statement.update-delete-without-where
INSERT INTO public.import_rows VALUES ('header'); -- expect: statement.insert.must-specify-column
DELETE FROM public.import_rows; -- expect: statement.update-delete-without-where; expect-not: table.truncate
UPDATE public.accounts SET legacy_flags = NULL; -- expect: statement.update-delete-without-where
