BEGIN;
SET LOCAL lock_timeout = '5s';
--
-- Alter field slug on project (null=False, default '')
--
UPDATE "sentry_project" SET "slug" = '' WHERE "slug" IS NULL; -- expect-not: statement.update-delete-without-where
ALTER TABLE "sentry_project" ALTER COLUMN "slug" SET NOT NULL; -- expect: column.set-not-null
SET CONSTRAINTS ALL IMMEDIATE; -- expect-not: transaction.nesting, transaction.require-lock-timeout
--
-- Alter field public on project (db_index=True)
--
CREATE INDEX "sentry_project_public_8a1b2c3d" ON "sentry_project" ("public"); -- expect: index.require-concurrently
COMMIT;
