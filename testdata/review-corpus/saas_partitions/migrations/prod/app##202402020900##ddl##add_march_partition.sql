-- A new partition takes ACCESS EXCLUSIVE on the (existing) parent.
CREATE TABLE saas.events_2024_03 PARTITION OF saas.events FOR VALUES FROM ('2024-03-01') TO ('2024-04-01'); -- expect: transaction.require-lock-timeout
SET lock_timeout = '1s';
CREATE TABLE saas.events_2024_04 PARTITION OF saas.events FOR VALUES FROM ('2024-04-01') TO ('2024-05-01'); -- expect-not: transaction.require-lock-timeout
CREATE INDEX events_2024_04_kind_payload_idx ON saas.events_2024_04 (kind); -- expect-not: index.require-concurrently
