SET lock_timeout = '3s';
-- adding-not-nullable-field.
ALTER TABLE core_recipe ALTER COLUMN title SET NOT NULL; -- expect: column.set-not-null
-- The safe recipe: a NOT VALID check, validated, proves the column before SET NOT NULL.
ALTER TABLE app_email ADD CONSTRAINT app_email_address_not_null CHECK (address IS NOT NULL) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE app_email VALIDATE CONSTRAINT app_email_address_not_null; -- expect-not: constraint.validate-same-transaction
ALTER TABLE app_email ALTER COLUMN address SET NOT NULL; -- expect-not: column.set-not-null
ALTER TABLE app_email DROP CONSTRAINT app_email_address_not_null;
-- changing-column-type.
ALTER TABLE core_recipe ALTER COLUMN edits TYPE bigint; -- expect: column.change-type
ALTER TABLE core_recipe ALTER COLUMN servings TYPE text USING servings::text; -- expect: column.change-type
-- Binary-coercible changes do not rewrite (dbcd exempts them, squawk flags every type change).
ALTER TABLE core_recipe ALTER COLUMN summary TYPE character varying(500); -- expect-not: column.change-type
ALTER TABLE core_recipe ALTER COLUMN summary TYPE text; -- expect-not: column.change-type
ALTER TABLE core_recipe ALTER COLUMN rating TYPE numeric(6, 2); -- expect-not: column.change-type
