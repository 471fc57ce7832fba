CREATE TABLE public.accounts (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  balance_cents bigint NOT NULL DEFAULT 0,
  legacy_flags text,
  region text
);
CREATE TABLE public.ledger (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL,
  amount_cents bigint NOT NULL,
  posted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, posted_at)
);
CREATE TABLE public.import_rows (line text); -- expect: table.require-primary-key
