-- Without ONLY, the build takes SHARE on the parent and on every partition.
CREATE INDEX events_tenant_kind_idx ON saas.events (tenant_id, kind); -- expect: index.require-concurrently, transaction.require-lock-timeout
