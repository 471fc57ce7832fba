-- disable_ddl_transaction! + strong_migrations' safe add_reference
SET lock_timeout = '10s';
SET statement_timeout = '1h';
ALTER TABLE "comments" ADD "author_id" bigint; -- expect-not: transaction.require-lock-timeout, transaction.require-statement-timeout
CREATE INDEX CONCURRENTLY "index_comments_on_author_id" ON "comments" ("author_id"); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_author" FOREIGN KEY ("author_id") REFERENCES "users" ("id") NOT VALID; -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout
