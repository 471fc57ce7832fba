BEGIN;
SET LOCAL lock_timeout = '5s';
--
-- Add field level to groupedmessage
--
ALTER TABLE "sentry_groupedmessage" ADD COLUMN "level" integer DEFAULT 40 NOT NULL CHECK ("level" >= 0); -- expect: constraint.check-require-not-valid; expect-not: column.add-volatile-default, column.add-required, transaction.require-lock-timeout
ALTER TABLE "sentry_groupedmessage" ALTER COLUMN "level" DROP DEFAULT; -- expect: transaction.statement-after-access-exclusive; expect-not: column.drop-not-null, transaction.require-lock-timeout
--
-- Add field resolved_by to groupedmessage
--
ALTER TABLE "sentry_groupedmessage" ADD COLUMN "resolved_by_id" bigint NULL CONSTRAINT "sentry_groupedmessage_resolved_by_id_0b1c2d3e_fk_sentry_pr" REFERENCES "sentry_project"("id") DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS "sentry_groupedmessage_resolved_by_id_0b1c2d3e_fk_sentry_pr" IMMEDIATE; -- expect: constraint.fk-require-not-valid
CREATE INDEX "sentry_groupedmessage_resolved_by_id_0b1c2d3e" ON "sentry_groupedmessage" ("resolved_by_id"); -- expect: index.require-concurrently; expect-not: transaction.disallowed-in-transaction
COMMIT;
--
-- Alter field culprit on groupedmessage (a second transaction: SET LOCAL ended at COMMIT)
--
BEGIN;
ALTER TABLE "sentry_groupedmessage" ALTER COLUMN "culprit" TYPE varchar(500) USING "culprit"::varchar(500); -- expect: transaction.require-lock-timeout; expect-not: column.change-type
ALTER TABLE "sentry_project" ALTER COLUMN "name" TYPE text USING "name"::text; -- expect-not: column.change-type
ALTER TABLE "sentry_organization" ALTER COLUMN "status" TYPE smallint USING "status"::smallint; -- expect: column.change-type
COMMIT;
