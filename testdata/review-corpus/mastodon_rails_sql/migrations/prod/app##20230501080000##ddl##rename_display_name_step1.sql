-- Renaming accounts.display_name to accounts.name without downtime:
-- 1. add the new column (ignored_columns in the model), 2. backfill, 3. drop the old one.
SET lock_timeout = '5s';
ALTER TABLE "accounts" ADD "name" character varying DEFAULT '' NOT NULL; -- expect-not: column.add-volatile-default, column.add-required, column.rename
ALTER TABLE accounts RENAME COLUMN note TO bio; -- expect: column.rename
