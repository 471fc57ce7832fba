SET lock_timeout = '2s';
INSERT INTO public.audit (id, account_id, note) VALUES (1, 1, E'it\'s done; DROP TABLE public.accounts; -- not a comment'); -- expect-not: table.drop, syntax.parse-error
INSERT INTO public.audit (id, account_id, note) VALUES (2, 1, 'multi
line; CREATE INDEX x ON public.accounts (email);
still the string'); -- expect-not: index.require-concurrently
/* a block comment /* nested */ still a comment; DROP TABLE public.audit; */ CREATE INDEX audit_account_idx ON public.audit (account_id); -- expect: index.require-concurrently; expect-not: table.drop
ALTER /* odd */ TABLE public.audit -- expect: column.drop
  -- a comment between clauses; DROP TABLE x;
  DROP COLUMN note;
UPDATE public.accounts SET status = 'x' -- expect: statement.update-delete-without-where
  /* WHERE id = 1 */;
DELETE FROM public.audit WHERE note = '; WHERE'; DELETE FROM public.audit; -- expect: statement.update-delete-without-where
