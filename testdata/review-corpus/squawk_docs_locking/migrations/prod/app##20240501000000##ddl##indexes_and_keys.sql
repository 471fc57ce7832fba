-- require-concurrent-index-creation.
CREATE INDEX core_recipe_servings_idx ON core_recipe (servings); -- expect: index.require-concurrently
CREATE INDEX CONCURRENTLY core_recipe_edits_idx ON core_recipe (edits); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction
-- require-concurrent-index-deletion.
DROP INDEX IF EXISTS core_recipe_title_idx; -- expect: index.drop-require-concurrently
DROP INDEX CONCURRENTLY IF EXISTS core_recipe_servings_idx; -- expect-not: index.drop-require-concurrently, transaction.disallowed-in-transaction
-- ban-concurrent-index-creation-in-transaction.
BEGIN;
CREATE INDEX CONCURRENTLY core_recipe_rating_idx ON core_recipe (rating); -- expect: transaction.disallowed-in-transaction
COMMIT;
SET lock_timeout = '3s';
-- disallowed-unique-constraint.
ALTER TABLE widgets ADD CONSTRAINT widgets_name_key UNIQUE (name); -- expect: constraint.unique-require-index
ALTER TABLE app_user ADD COLUMN handle text UNIQUE; -- expect: constraint.unique-require-index
-- Safe: build the index concurrently, then attach it.
CREATE UNIQUE INDEX CONCURRENTLY app_user_email_key ON app_user (email); -- expect-not: index.require-concurrently
ALTER TABLE app_user ADD CONSTRAINT app_user_email_key UNIQUE USING INDEX app_user_email_key; -- expect-not: constraint.unique-require-index
CREATE UNIQUE INDEX CONCURRENTLY distributors_dist_id_idx ON distributors (dist_id); -- expect-not: index.require-concurrently
-- adding-primary-key-constraint / adding-serial-primary-key-field.
ALTER TABLE items ADD PRIMARY KEY (item_id); -- expect: constraint.primary-key-require-index
ALTER TABLE widgets ADD COLUMN id serial PRIMARY KEY; -- expect: constraint.primary-key-require-index, column.add-volatile-default
CREATE UNIQUE INDEX CONCURRENTLY items_pk_idx ON items (item_id); -- expect-not: index.require-concurrently
ALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY USING INDEX items_pk_idx; -- expect-not: constraint.primary-key-require-index
ALTER TABLE distributors DROP CONSTRAINT distributors_pkey, ADD CONSTRAINT distributors_pkey PRIMARY KEY USING INDEX distributors_dist_id_idx; -- expect-not: constraint.primary-key-require-index
-- A primary key over a nullable column implies SET NOT NULL: a full scan.
CREATE UNIQUE INDEX CONCURRENTLY widgets_name_idx ON widgets (name); -- expect-not: index.require-concurrently
ALTER TABLE widgets DROP CONSTRAINT widgets_pkey, ADD CONSTRAINT widgets_pkey PRIMARY KEY USING INDEX widgets_name_idx; -- expect: constraint.primary-key-require-index
