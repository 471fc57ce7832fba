-- disable_ddl_transaction!
-- add_index :statuses, [:account_id, :id, :visibility], where: 'deleted_at IS NULL',
--           algorithm: :concurrently, name: :index_statuses_20190820

CREATE INDEX CONCURRENTLY "index_statuses_20190820" -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction, transaction.require-lock-timeout
    ON "statuses"
    USING btree ("account_id", "id" DESC, "visibility")
    WHERE "deleted_at" IS NULL; -- expect-not: index.require-concurrently

/* add_index :statuses, :uri, unique: true, opclass: :text_pattern_ops
   (the author forgot algorithm: :concurrently) */
CREATE UNIQUE INDEX "index_statuses_on_uri" -- expect: index.require-concurrently, transaction.require-lock-timeout
  ON "statuses" ("uri" text_pattern_ops); -- expect-not: index.require-concurrently

DROP INDEX "index_statuses_on_account_id_id"; -- expect: index.drop-require-concurrently, transaction.require-lock-timeout
DROP INDEX CONCURRENTLY IF EXISTS "index_follows_on_account_id_and_target_account_id"; -- expect-not: index.drop-require-concurrently, transaction.disallowed-in-transaction, transaction.require-lock-timeout
