--
-- Concurrently create index sentry_grou_last_se_1a2b3c_idx on field(s) last_seen of model groupedmessage
--
CREATE INDEX CONCURRENTLY "sentry_grou_last_se_1a2b3c_idx" ON "sentry_groupedmessage" ("last_seen"); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction, transaction.require-lock-timeout
--
-- Raw SQL operation
--
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "sentry_organization_name_uniq_idx" ON "sentry_organization" ("name"); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction
ALTER TABLE "sentry_organization" ADD CONSTRAINT "sentry_organization_name_uniq" UNIQUE USING INDEX "sentry_organization_name_uniq_idx"; -- expect: transaction.require-lock-timeout; expect-not: constraint.unique-require-index
--
-- Remove index sentry_project_public_8a1b2c3d concurrently
--
DROP INDEX CONCURRENTLY IF EXISTS "sentry_project_public_8a1b2c3d"; -- expect-not: index.drop-require-concurrently, transaction.disallowed-in-transaction
