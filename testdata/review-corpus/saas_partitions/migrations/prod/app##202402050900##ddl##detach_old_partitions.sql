SET lock_timeout = '5s';
ALTER TABLE saas.events DETACH PARTITION saas.events_2024_01; -- expect: partition.detach-concurrently
ALTER TABLE saas.events DETACH PARTITION saas.events_2024_02 CONCURRENTLY; -- expect-not: partition.detach-concurrently, transaction.disallowed-in-transaction
DROP TABLE saas.events_2024_01; -- expect: table.drop
