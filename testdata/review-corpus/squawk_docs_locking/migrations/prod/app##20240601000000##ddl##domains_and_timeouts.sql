-- ban-create-domain-with-constraint.
CREATE DOMAIN short_code AS text CHECK (length(VALUE) <= 12); -- expect: type.domain-constraint
CREATE DOMAIN plain_code AS text; -- expect-not: type.domain-constraint
-- ban-alter-domain-with-add-constraint.
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0); -- expect: type.domain-constraint
-- require-timeout-settings: no lock_timeout yet in this file.
ALTER TABLE app_user ADD COLUMN nickname text; -- expect: transaction.require-lock-timeout
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE app_user ADD COLUMN bio text; -- expect-not: transaction.require-lock-timeout, transaction.require-statement-timeout
