-- disable_ddl_transaction!
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_posts_on_user_id_and_created_at -- expect-not: index.require-concurrently, index.concurrently-pg14-corruption, transaction.disallowed-in-transaction
  ON posts (user_id, created_at);
-- REINDEX CONCURRENTLY does not exist before PostgreSQL 12, the rule still points at the lock.
REINDEX INDEX index_posts_on_topic_id; -- expect: index.reindex-require-concurrently
DROP INDEX index_posts_on_topic_id; -- expect: index.drop-require-concurrently
