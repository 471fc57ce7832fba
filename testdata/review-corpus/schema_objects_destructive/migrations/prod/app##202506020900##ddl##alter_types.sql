ALTER DOMAIN public.cents ADD CONSTRAINT cents_nonneg CHECK (VALUE >= 0); -- expect: type.domain-constraint
ALTER DOMAIN public.cents -- expect: type.domain-constraint
    ADD CONSTRAINT cents_small CHECK (VALUE < 100000000) NOT VALID;
ALTER DOMAIN public.cents VALIDATE CONSTRAINT cents_small; -- expect-not: type.domain-constraint
ALTER DOMAIN public.email DROP CONSTRAINT email_check; -- expect-not: type.domain-constraint
ALTER DOMAIN public.cents SET DEFAULT 1; -- expect-not: type.domain-constraint
ALTER TYPE public.order_status RENAME VALUE 'shipped' TO 'sent'; -- expect: type.enum-rename-value; expect-not: type.avoid-enum
ALTER TYPE public.order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid'; -- expect-not: type.enum-rename-value, type.avoid-enum
ALTER TYPE "Billing Kind" -- expect: type.enum-rename-value
    RENAME VALUE 'card' TO 'credit_card';
ALTER TYPE public.order_status RENAME TO order_state; -- expect-not: type.enum-rename-value
CREATE TYPE public.shipping AS ENUM ('ground', 'air'); -- expect: type.avoid-enum
ALTER TYPE public.shipping RENAME VALUE 'air' TO 'express'; -- expect-not: type.enum-rename-value
