-- Validation in its own migration only takes SHARE UPDATE EXCLUSIVE.
SET lock_timeout = '5s';
ALTER TABLE users VALIDATE CONSTRAINT users_name_present; -- expect-not: constraint.validate-same-transaction, constraint.check-require-not-valid
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk2; -- expect-not: constraint.validate-same-transaction, constraint.fk-require-not-valid
CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email); -- expect-not: index.require-concurrently
ALTER TABLE users ADD CONSTRAINT users_email_uniq UNIQUE USING INDEX users_email_idx; -- expect-not: constraint.unique-require-index
