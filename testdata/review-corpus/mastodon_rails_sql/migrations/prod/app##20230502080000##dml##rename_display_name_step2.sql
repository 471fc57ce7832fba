-- Backfill in batches (one batch per statement, autocommit under psql).
UPDATE accounts SET name = display_name WHERE id >= 1 AND id < 50000; -- expect-not: statement.update-delete-without-where
UPDATE accounts SET name = display_name WHERE id >= 50000 AND id < 100000; -- expect-not: statement.update-delete-without-where, transaction.statement-after-access-exclusive
UPDATE accounts SET name = display_name; -- expect: statement.update-delete-without-where
