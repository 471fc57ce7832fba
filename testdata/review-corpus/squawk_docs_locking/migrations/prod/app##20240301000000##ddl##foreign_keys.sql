SET lock_timeout = '3s';
-- adding-foreign-key-constraint / constraint-missing-not-valid.
ALTER TABLE app_email ADD CONSTRAINT app_email_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id); -- expect: constraint.fk-require-not-valid
ALTER TABLE app_email ADD COLUMN owner_id bigint REFERENCES app_user (id); -- expect: constraint.fk-require-not-valid
-- The safe form: NOT VALID now, VALIDATE in a later transaction.
ALTER TABLE app_email ADD CONSTRAINT app_email_owner_fk FOREIGN KEY (owner_id) REFERENCES app_user (id) NOT VALID; -- expect-not: constraint.fk-require-not-valid
ALTER TABLE app_email VALIDATE CONSTRAINT app_email_owner_fk; -- expect-not: constraint.validate-same-transaction, constraint.fk-require-not-valid
-- Adding and validating in one transaction keeps the strong lock during the scan.
BEGIN;
ALTER TABLE app_email ADD CONSTRAINT app_email_user2_fk FOREIGN KEY (user_id) REFERENCES app_user (id) NOT VALID; -- expect-not: constraint.fk-require-not-valid
ALTER TABLE app_email VALIDATE CONSTRAINT app_email_user2_fk; -- expect: constraint.validate-same-transaction
COMMIT;
-- CHECK constraints the same way.
ALTER TABLE core_recipe ADD CONSTRAINT servings_positive CHECK (servings > 0); -- expect: constraint.check-require-not-valid
ALTER TABLE core_recipe ADD CONSTRAINT edits_positive CHECK (edits >= 0) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE core_recipe VALIDATE CONSTRAINT edits_positive; -- expect-not: constraint.validate-same-transaction
