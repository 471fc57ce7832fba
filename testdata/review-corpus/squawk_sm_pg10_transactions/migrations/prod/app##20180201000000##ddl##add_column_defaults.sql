SET lock_timeout = '2s';
-- Before PostgreSQL 11 any DEFAULT on ADD COLUMN rewrites the table.
ALTER TABLE core_recipe ADD COLUMN foo integer DEFAULT 10; -- expect: column.add-volatile-default
ALTER TABLE core_recipe ADD COLUMN published boolean NOT NULL DEFAULT false; -- expect: column.add-volatile-default; expect-not: column.add-required
ALTER TABLE core_recipe ADD COLUMN created_at timestamptz DEFAULT now(); -- expect: column.add-volatile-default
-- The pre-11 recipe: add the column bare, set the default for new rows, backfill in batches later.
ALTER TABLE core_recipe ADD COLUMN rating integer; -- expect-not: column.add-volatile-default
ALTER TABLE core_recipe ALTER COLUMN rating SET DEFAULT 3; -- expect-not: column.add-volatile-default
-- A column created in this file is new: nothing to rewrite.
CREATE TABLE recipe_tags (id bigserial PRIMARY KEY, label text);
ALTER TABLE recipe_tags ADD COLUMN weight integer DEFAULT 1; -- expect-not: column.add-volatile-default
