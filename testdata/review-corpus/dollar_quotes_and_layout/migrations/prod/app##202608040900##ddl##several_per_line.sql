SET lock_timeout = '2s'; ALTER TABLE public.accounts ADD COLUMN locale text; -- expect-not: transaction.require-lock-timeout
RESET lock_timeout; SELECT 1; ALTER TABLE public.accounts ADD COLUMN tz text; -- expect: transaction.require-lock-timeout
CREATE TABLE public.prefs (account_id bigint PRIMARY KEY, theme text); CREATE INDEX prefs_theme_idx ON public.prefs (theme); -- expect-not: index.require-concurrently
SET lock_timeout = '2s';
ALTER TABLE public.accounts ALTER COLUMN email SET NOT NULL, ADD COLUMN score bigint NOT NULL DEFAULT 0; -- expect-not: column.set-not-null, column.add-required
ALTER TABLE public.accounts ADD COLUMN verified boolean NOT NULL DEFAULT false, ALTER COLUMN locale SET NOT NULL; -- expect: column.set-not-null; expect-not: column.add-required
