-- The safe backfill: its own migration, no schema change, in batches.
UPDATE users SET plan = 'free' WHERE plan IS NULL AND id BETWEEN 1 AND 10000; -- expect-not: statement.mix-ddl-dml, statement.update-delete-without-where, transaction.statement-after-access-exclusive
UPDATE users SET plan = 'free' WHERE plan IS NULL AND id BETWEEN 10001 AND 20000; -- expect-not: statement.mix-ddl-dml, statement.update-delete-without-where
