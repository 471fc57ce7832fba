ALTER TYPE notification_level ADD VALUE 'tracking' BEFORE 'watching'; -- expect-not: transaction.disallowed-in-transaction
BEGIN;
ALTER TYPE notification_level ADD VALUE 'watching_first_post'; -- expect: transaction.disallowed-in-transaction
COMMIT;
SET lock_timeout = '5s';
-- No DETACH ... CONCURRENTLY before PostgreSQL 14: nothing better to suggest.
ALTER TABLE post_stats DETACH PARTITION post_stats_2018; -- expect-not: partition.detach-concurrently
CREATE TABLE post_stats_2019 (LIKE post_stats INCLUDING DEFAULTS);
RESET lock_timeout;
-- Before PostgreSQL 12, ATTACH PARTITION takes ACCESS EXCLUSIVE on the parent.
ALTER TABLE post_stats ATTACH PARTITION post_stats_2019 FOR VALUES FROM ('2019-01-01') TO ('2020-01-01'); -- expect: transaction.require-lock-timeout
