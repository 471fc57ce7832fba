-- create_table :polls + add_reference :statuses, :poll, foreign_key: { validate: false }, index: { algorithm: :concurrently }
BEGIN;
CREATE TABLE "polls" (
  "id" bigserial primary key,
  "account_id" bigint,
  "status_id" bigint,
  "expires_at" timestamp,
  "options" character varying[] DEFAULT '{}' NOT NULL,
  "votes_count" bigint DEFAULT 0 NOT NULL,
  "created_at" timestamp(6) NOT NULL,
  "updated_at" timestamp(6) NOT NULL
);
CREATE INDEX "index_polls_on_account_id" ON "polls" ("account_id"); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
ALTER TABLE "polls" ADD CONSTRAINT "fk_rails_5b19a0b011" FOREIGN KEY ("status_id") REFERENCES "statuses" ("id") ON DELETE CASCADE; -- expect: transaction.require-lock-timeout; expect-not: constraint.fk-require-not-valid
COMMIT;

SET lock_timeout TO '10s';
ALTER TABLE "statuses" ADD "poll_id" bigint; -- expect-not: column.add-required, transaction.require-lock-timeout, constraint.fk-require-not-valid
ALTER TABLE "statuses" ADD CONSTRAINT "fk_rails_3e0d9f1115" -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout
  FOREIGN KEY ("poll_id") REFERENCES "polls" ("id") ON DELETE SET NULL NOT VALID;
CREATE INDEX CONCURRENTLY "index_statuses_on_poll_id" ON "statuses" ("poll_id"); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction
