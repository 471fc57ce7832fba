BEGIN;
--
-- Rename field culprit on groupedmessage to location
--
SET CONSTRAINTS "sentry_groupedmessage_resolved_by_id_0b1c2d3e_fk_sentry_pr" IMMEDIATE; ALTER TABLE "sentry_groupedmessage" DROP CONSTRAINT "sentry_groupedmessage_resolved_by_id_0b1c2d3e_fk_sentry_pr"; -- expect: transaction.require-lock-timeout
ALTER TABLE "sentry_groupedmessage" RENAME COLUMN "culprit" TO "location"; -- expect: column.rename, transaction.statement-after-access-exclusive
--
-- Delete model Organization's check: PositiveIntegerField -> IntegerField
--
ALTER TABLE "sentry_organization" DROP CONSTRAINT "sentry_organization_status_check"; -- expect: transaction.statement-after-access-exclusive
COMMIT;
BEGIN;
--
-- Create model Release (new table: no lock rules) and delete model GroupedMessage
--
CREATE TABLE "sentry_release" ("id" bigserial NOT NULL PRIMARY KEY, "version" varchar(250) NOT NULL, "project_id" bigint NOT NULL);
CREATE INDEX "sentry_release_project_id_1b2c3d4e" ON "sentry_release" ("project_id"); -- expect-not: index.require-concurrently, transaction.require-lock-timeout, transaction.statement-after-access-exclusive
ALTER TABLE "sentry_release" ADD CONSTRAINT "sentry_release_project_id_version_uniq" UNIQUE ("project_id", "version"); -- expect-not: constraint.unique-require-index, transaction.require-lock-timeout
DROP TABLE "sentry_groupedmessage" CASCADE; -- expect: table.drop, statement.cascade
COMMIT;
