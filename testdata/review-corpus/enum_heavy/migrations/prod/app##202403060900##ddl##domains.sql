CREATE DOMAIN public.positive_qty AS integer CHECK (VALUE > 0); -- expect: type.domain-constraint
CREATE DOMAIN public.label AS text; -- expect-not: type.domain-constraint
ALTER DOMAIN public.label ADD CONSTRAINT label_not_blank CHECK (VALUE <> ''); -- expect: type.domain-constraint
