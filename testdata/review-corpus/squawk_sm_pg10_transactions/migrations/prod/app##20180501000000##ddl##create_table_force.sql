SET lock_timeout = '2s';
-- strong_migrations' create_table force: true drops an existing table first.
DROP TABLE IF EXISTS cities CASCADE; -- expect: table.drop, statement.cascade
CREATE TABLE cities (id bigserial PRIMARY KEY, name text NOT NULL);
-- Without force, only a new table is created.
CREATE TABLE IF NOT EXISTS regions (id bigserial PRIMARY KEY, name text); -- expect-not: table.drop
