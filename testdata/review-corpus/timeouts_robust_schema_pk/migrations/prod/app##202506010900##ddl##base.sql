CREATE SCHEMA IF NOT EXISTS app;
CREATE TABLE IF NOT EXISTS app.accounts (id bigint PRIMARY KEY, email text NOT NULL); -- expect-not: table.require-schema, table.require-primary-key, statement.prefer-robust, transaction.require-statement-timeout
CREATE TABLE audit_log (at timestamptz NOT NULL, message text NOT NULL); -- expect: table.require-schema, table.require-primary-key, statement.prefer-robust
CREATE TABLE app.events ( -- expect: table.require-primary-key; expect-not: table.require-schema
    id bigint NOT NULL UNIQUE,
    at timestamptz NOT NULL
);
CREATE TABLE app.sessions (id bigint NOT NULL, token text NOT NULL); -- expect-not: table.require-primary-key
ALTER TABLE app.sessions ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);
CREATE TABLE "app"."Measurements" ( -- expect-not: table.require-primary-key, table.require-schema
    sensor_id bigint NOT NULL,
    taken_at timestamptz NOT NULL,
    value double precision,
    PRIMARY KEY (sensor_id, taken_at)
) PARTITION BY RANGE (taken_at);
CREATE TABLE app.measurements_2025 PARTITION OF app."Measurements" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01'); -- expect-not: table.require-primary-key
CREATE TABLE app.logs (line text) PARTITION BY LIST (line); -- expect: table.require-primary-key
CREATE TABLE app.orders (id bigint PRIMARY KEY, account_id bigint NOT NULL, note text);
CREATE TABLE app.items (id bigint PRIMARY KEY, order_id bigint NOT NULL);
CREATE VIEW recent_orders AS SELECT id FROM app.orders; -- expect: table.require-schema
CREATE SEQUENCE app.ticket_seq; -- expect-not: table.require-schema
CREATE SEQUENCE ticket_seq2; -- expect: table.require-schema
