SET lock_timeout = '2s';
-- constraint-missing-not-valid: NOT VALID then VALIDATE in the same transaction gains nothing.
BEGIN;
ALTER TABLE app_email ADD CONSTRAINT app_email_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) NOT VALID; -- expect-not: constraint.fk-require-not-valid
ALTER TABLE app_email VALIDATE CONSTRAINT app_email_user_fk; -- expect: constraint.validate-same-transaction
COMMIT;
BEGIN;
ALTER TABLE core_recipe ADD CONSTRAINT core_recipe_servings_check CHECK (servings > 0) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE core_recipe VALIDATE CONSTRAINT core_recipe_servings_check; -- expect: constraint.validate-same-transaction
COMMIT;
-- Separate transactions: the validation only takes SHARE UPDATE EXCLUSIVE.
BEGIN;
ALTER TABLE app_email ADD CONSTRAINT app_email_address_check CHECK (address <> '') NOT VALID; -- expect-not: constraint.check-require-not-valid
COMMIT;
BEGIN;
ALTER TABLE app_email VALIDATE CONSTRAINT app_email_address_check; -- expect-not: constraint.validate-same-transaction
COMMIT;
