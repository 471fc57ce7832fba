SET lock_timeout = '2s';
-- The same checks apply to columns added to existing tables.
ALTER TABLE accounts ADD COLUMN deleted_at timestamp; -- expect: column.prefer-timestamptz
ALTER TABLE accounts ADD COLUMN archived_at timestamptz; -- expect-not: column.prefer-timestamptz
ALTER TABLE accounts ADD COLUMN login_count integer; -- expect: column.prefer-bigint
ALTER TABLE accounts ADD COLUMN region char(3); -- expect: column.ban-char
ALTER TABLE accounts ADD COLUMN slug varchar(64); -- expect: column.prefer-text
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(300); -- expect: column.prefer-text
ALTER TABLE accounts ALTER COLUMN deleted_at TYPE timestamptz; -- expect-not: column.prefer-timestamptz
-- strong_migrations' add_column_json: json on a column, jsonb instead.
ALTER TABLE accounts ADD COLUMN settings json; -- expect: column.prefer-jsonb
ALTER TABLE accounts ADD COLUMN prefs jsonb; -- expect-not: column.prefer-jsonb
