SET lock_timeout = '5s';
-- Build the May partition as a plain table, with a CHECK that matches its bound, then attach it.
CREATE TABLE saas.events_2024_05 (LIKE saas.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS); -- expect-not: index.require-concurrently
ALTER TABLE saas.events_2024_05 ADD CONSTRAINT events_2024_05_bound CHECK (occurred_at >= '2024-05-01' AND occurred_at < '2024-06-01'); -- expect-not: constraint.check-require-not-valid
RESET lock_timeout;
ALTER TABLE saas.events ATTACH PARTITION saas.events_2024_05 FOR VALUES FROM ('2024-05-01') TO ('2024-06-01'); -- expect-not: transaction.require-lock-timeout
CREATE TABLE saas.events_2024_06 (LIKE saas.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
