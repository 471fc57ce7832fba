SET lock_timeout = '2s';
SET statement_timeout = '0';
ALTER TABLE app.orders ADD COLUMN coupon text; -- expect: transaction.require-statement-timeout
SET SESSION statement_timeout = 60000;
ALTER TABLE app.orders ADD COLUMN coupon2 text; -- expect-not: transaction.require-statement-timeout
CREATE TYPE mood AS ENUM ('ok', 'meh'); -- expect: table.require-schema
CREATE TYPE app.mood2 AS ENUM ('ok', 'meh'); -- expect-not: table.require-schema
CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; -- expect: table.require-schema
CREATE FUNCTION app.touch_row2() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; -- expect-not: table.require-schema
CREATE MATERIALIZED VIEW IF NOT EXISTS order_totals AS SELECT count(*) AS n FROM app.orders; -- expect: table.require-schema
SET search_path = app;
CREATE TABLE IF NOT EXISTS widgets (id bigint PRIMARY KEY); -- expect: table.require-schema; expect-not: table.require-primary-key
CREATE TABLE IF NOT EXISTS app.gadgets (id bigint NOT NULL, name text); -- expect-not: table.require-primary-key
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS gadgets_pkey_idx ON app.gadgets (id);
ALTER TABLE app.gadgets ADD CONSTRAINT gadgets_pkey PRIMARY KEY USING INDEX gadgets_pkey_idx;
CREATE TABLE IF NOT EXISTS app.copies AS SELECT id FROM app.orders; -- expect: table.require-primary-key
