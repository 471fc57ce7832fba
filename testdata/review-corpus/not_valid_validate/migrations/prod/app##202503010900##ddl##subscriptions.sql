CREATE TABLE public.accounts (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.plans (code text, title text NOT NULL);
CREATE TABLE public.subscriptions (
  id bigint PRIMARY KEY,
  account_id bigint,
  plan text,
  email text,
  coupon text CONSTRAINT subscriptions_coupon_present CHECK (coupon IS NOT NULL)
);
CREATE TABLE public.vouchers (code text, amount numeric NOT NULL);
CREATE TABLE public.audit_events (id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE TABLE public.bookings (id bigint PRIMARY KEY, room text NOT NULL, during tstzrange NOT NULL);
CREATE TABLE public.rooms ( -- expect-not: constraint.exclusion
  id bigint PRIMARY KEY,
  booked tstzrange NOT NULL,
  EXCLUDE USING gist (booked WITH &&)
);
