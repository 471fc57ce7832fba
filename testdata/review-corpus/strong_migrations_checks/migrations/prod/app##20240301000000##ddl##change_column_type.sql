SET lock_timeout = '5s';
-- Changing a column type rewrites the table ...
ALTER TABLE users ALTER COLUMN score TYPE numeric(8, 4); -- expect: column.change-type
ALTER TABLE users ALTER COLUMN name TYPE character varying(50); -- expect: column.change-type
ALTER TABLE users ALTER COLUMN handle TYPE integer USING handle::integer; -- expect: column.change-type
-- ... except the changes strong_migrations lists as safe.
ALTER TABLE users ALTER COLUMN email TYPE character varying(320); -- expect-not: column.change-type
ALTER TABLE users ALTER COLUMN email TYPE text; -- expect-not: column.change-type
ALTER TABLE users ALTER COLUMN display_name TYPE character varying; -- expect-not: column.change-type
ALTER TABLE users ALTER COLUMN score TYPE numeric(12, 4); -- expect-not: column.change-type
ALTER TABLE users ALTER COLUMN ip_range TYPE inet; -- expect-not: column.change-type
ALTER TABLE users ALTER COLUMN created_at TYPE timestamp(3); -- expect-not: column.change-type
-- timestamp -> timestamptz is only rewrite-free when the session TimeZone is UTC: dbcd flags it.
ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz; -- expect: column.change-type
-- text to citext is binary-coercible through the extension's casts, safe while no index uses the column.
CREATE EXTENSION IF NOT EXISTS citext;
ALTER TABLE users ALTER COLUMN email TYPE citext; -- expect-not: column.change-type
CREATE INDEX CONCURRENTLY users_display_name_idx ON users (display_name);
ALTER TABLE users ALTER COLUMN display_name TYPE citext; -- expect: column.change-type
