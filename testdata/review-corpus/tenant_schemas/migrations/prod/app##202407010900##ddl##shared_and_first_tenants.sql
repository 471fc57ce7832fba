-- Shared tables live in public; every tenant gets its own schema.
CREATE TABLE public.plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE SCHEMA tenant_acme;
SET search_path TO tenant_acme, public;
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, plan_id bigint NOT NULL REFERENCES plans (id), total numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL DEFAULT now()); -- expect-not: transaction.require-lock-timeout
CREATE INDEX orders_placed_at_idx ON orders (placed_at); -- expect-not: index.require-concurrently
-- A schema with its elements declared inline (CREATE SCHEMA ... CREATE TABLE ...).
CREATE SCHEMA tenant_globex
    CREATE TABLE orders (id bigint PRIMARY KEY, plan_id bigint NOT NULL, total numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL)
    CREATE INDEX orders_placed_at_idx ON orders (placed_at); -- (a schema element: inside the new schema)
CREATE INDEX orders_total_idx ON tenant_globex.orders (total); -- expect-not: index.require-concurrently (a table the schema element above created)
RESET search_path;
CREATE INDEX plans_name_idx ON plans (name); -- expect-not: index.require-concurrently
