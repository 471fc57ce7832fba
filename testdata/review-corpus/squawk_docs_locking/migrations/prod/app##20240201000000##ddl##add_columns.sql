SET lock_timeout = '3s';
-- adding-field-with-default: constant defaults are fast since PostgreSQL 11.
ALTER TABLE core_recipe ADD COLUMN featured boolean DEFAULT false NOT NULL; -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE core_recipe ADD COLUMN created_at timestamptz DEFAULT now(); -- expect-not: column.add-volatile-default
-- ... volatile ones rewrite the table.
ALTER TABLE core_recipe ADD COLUMN public_id uuid DEFAULT gen_random_uuid(); -- expect: column.add-volatile-default
ALTER TABLE core_recipe ADD COLUMN jitter double precision DEFAULT random(); -- expect: column.add-volatile-default
-- A stored generated column rewrites too.
ALTER TABLE core_recipe ADD COLUMN title_lower text GENERATED ALWAYS AS (lower(title)) STORED; -- expect: column.add-generated-stored
-- Safe alternative for a volatile default: add the column, then set the default for new rows.
ALTER TABLE core_recipe ADD COLUMN token uuid; -- expect-not: column.add-volatile-default
ALTER TABLE core_recipe ALTER COLUMN token SET DEFAULT gen_random_uuid(); -- expect-not: column.add-volatile-default
-- adding-required-field: NOT NULL without a default fails on a non-empty table.
ALTER TABLE core_recipe ADD COLUMN is_public boolean NOT NULL; -- expect: column.add-required
ALTER TABLE core_recipe ADD COLUMN is_draft boolean NOT NULL DEFAULT true; -- expect-not: column.add-required, column.add-volatile-default
ALTER TABLE core_recipe ADD COLUMN notes text; -- expect-not: column.add-required
