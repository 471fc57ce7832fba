CREATE SCHEMA IF NOT EXISTS saas;
CREATE TABLE saas.tenants (
  id bigint PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE saas.events ( -- expect-not: index.require-concurrently, transaction.require-lock-timeout
  tenant_id bigint NOT NULL,
  id bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE saas.events_2024_01 PARTITION OF saas.events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01'); -- expect-not: transaction.require-lock-timeout
CREATE TABLE saas.events_2024_02 PARTITION OF saas.events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01'); -- expect-not: transaction.require-lock-timeout
CREATE INDEX events_kind_idx ON saas.events (kind); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
CREATE SCHEMA tenant_acme;
CREATE TABLE tenant_acme.users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE SCHEMA tenant_globex;
CREATE TABLE tenant_globex.users (id bigint PRIMARY KEY, email text NOT NULL);
