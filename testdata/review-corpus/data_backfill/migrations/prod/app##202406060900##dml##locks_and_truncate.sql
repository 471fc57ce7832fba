BEGIN;
LOCK TABLE public.accounts IN SHARE UPDATE EXCLUSIVE MODE; -- expect-not: transaction.require-lock-timeout
LOCK TABLE public.ledger IN ACCESS SHARE MODE; -- expect-not: transaction.require-lock-timeout
LOCK TABLE public.accounts IN SHARE ROW EXCLUSIVE MODE; -- expect: transaction.require-lock-timeout
LOCK public.ledger; -- expect: transaction.require-lock-timeout
UPDATE public.ledger SET amount_cents = 0 WHERE amount_cents IS NULL; -- expect: transaction.statement-after-access-exclusive; expect-not: statement.update-delete-without-where
COMMIT;
TRUNCATE public.import_rows; -- expect: table.truncate, transaction.require-lock-timeout
