SET lock_timeout = '2s';
CREATE TABLE public.account_snapshots (account_id bigint PRIMARY KEY, balance_cents bigint NOT NULL);
INSERT INTO public.account_snapshots (account_id, balance_cents) SELECT id, balance_cents FROM public.accounts;
-- The table was created above but already holds rows: lock rules apply again.
CREATE INDEX account_snapshots_balance_idx ON public.account_snapshots (balance_cents); -- expect: index.require-concurrently
ALTER TABLE public.account_snapshots ADD COLUMN taken_at timestamptz NOT NULL; -- expect: column.add-required
