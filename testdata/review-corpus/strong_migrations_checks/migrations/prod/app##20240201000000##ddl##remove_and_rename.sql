SET lock_timeout = '5s';
-- Removing a column: deployed code still selects it.
ALTER TABLE users DROP COLUMN legacy_flag; -- expect: column.drop
-- Renaming a column or a table: the safe way is a new column / table, backfill, switch, drop.
ALTER TABLE users RENAME COLUMN nickname TO handle; -- expect: column.rename
ALTER TABLE projects RENAME TO initiatives; -- expect: table.rename
ALTER TABLE users ADD COLUMN display_name text; -- expect-not: column.rename
