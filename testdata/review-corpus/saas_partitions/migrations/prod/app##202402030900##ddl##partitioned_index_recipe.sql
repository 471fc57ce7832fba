SET lock_timeout = '5s';
-- The partitioned-table recipe: index the parent ONLY, build each partition concurrently, attach.
CREATE INDEX events_occurred_idx ON ONLY saas.events (occurred_at); -- expect-not: index.require-concurrently
CREATE INDEX CONCURRENTLY events_2024_01_occurred_idx ON saas.events_2024_01 (occurred_at); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction, transaction.require-lock-timeout
CREATE INDEX CONCURRENTLY events_2024_02_occurred_idx ON saas.events_2024_02 (occurred_at); -- expect-not: index.require-concurrently
CREATE INDEX CONCURRENTLY events_2024_03_occurred_idx ON saas.events_2024_03 (occurred_at); -- expect-not: index.require-concurrently
CREATE INDEX CONCURRENTLY events_2024_04_occurred_idx ON saas.events_2024_04 (occurred_at); -- expect-not: index.require-concurrently
ALTER INDEX saas.events_occurred_idx ATTACH PARTITION saas.events_2024_01_occurred_idx; -- expect-not: table.rename, index.require-concurrently
ALTER INDEX saas.events_occurred_idx ATTACH PARTITION saas.events_2024_02_occurred_idx;
ALTER INDEX saas.events_occurred_idx ATTACH PARTITION saas.events_2024_03_occurred_idx;
ALTER INDEX saas.events_occurred_idx ATTACH PARTITION saas.events_2024_04_occurred_idx;
