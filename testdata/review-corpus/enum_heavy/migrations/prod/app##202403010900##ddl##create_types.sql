CREATE TYPE public.order_status AS ENUM ('new', 'paid', 'shipped'); -- expect: type.avoid-enum
CREATE TYPE public.money_amount AS (currency char(3), amount numeric(12,2)); -- expect-not: type.avoid-enum
CREATE TABLE public.shipments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status public.order_status NOT NULL DEFAULT 'new',
  carrier text NOT NULL DEFAULT 'dhl',
  level text NOT NULL DEFAULT 'low'
);
