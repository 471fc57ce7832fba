-- events_2024_06 exists since the previous file: attaching it takes ACCESS EXCLUSIVE on it.
ALTER TABLE saas.events ATTACH PARTITION saas.events_2024_06 FOR VALUES FROM ('2024-06-01') TO ('2024-07-01'); -- expect: transaction.require-lock-timeout
ALTER TABLE saas.tenants ENABLE ROW LEVEL SECURITY; -- expect: transaction.require-lock-timeout
ALTER SCHEMA tenant_acme RENAME TO tenant_acme_archived; -- expect: schema.rename
DROP SCHEMA tenant_globex CASCADE; -- expect: schema.drop, statement.cascade
CREATE INDEX users_email_idx ON tenant_acme_archived.users (email); -- expect: index.require-concurrently
