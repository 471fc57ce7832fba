BEGIN;
--
-- Create model Organization
--
CREATE TABLE "sentry_organization" ("id" bigserial NOT NULL PRIMARY KEY, "name" varchar(64) NOT NULL, "slug" varchar(50) NOT NULL UNIQUE, "status" integer NOT NULL CHECK ("status" >= 0), "date_added" timestamp with time zone NOT NULL);
--
-- Create model Project
--
CREATE TABLE "sentry_project" ("id" bigserial NOT NULL PRIMARY KEY, "slug" varchar(50) NULL, "name" varchar(200) NOT NULL, "public" boolean NOT NULL, "date_added" timestamp with time zone NOT NULL, "organization_id" bigint NOT NULL);
--
-- Create model GroupedMessage
--
CREATE TABLE "sentry_groupedmessage" ("id" bigserial NOT NULL PRIMARY KEY, "message" text NOT NULL, "culprit" varchar(200) NULL, "times_seen" integer NOT NULL CHECK ("times_seen" >= 0), "last_seen" timestamp with time zone NOT NULL, "first_seen" timestamp with time zone NOT NULL, "project_id" bigint NOT NULL);
ALTER TABLE "sentry_project" ADD CONSTRAINT "sentry_project_organization_id_3017a54d_fk_sentry_or" FOREIGN KEY ("organization_id") REFERENCES "sentry_organization" ("id") DEFERRABLE INITIALLY DEFERRED; -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout, transaction.statement-after-access-exclusive
CREATE INDEX "sentry_organization_slug_6ed7cc34_like" ON "sentry_organization" ("slug" varchar_pattern_ops); -- expect-not: index.require-concurrently
ALTER TABLE "sentry_project" ADD CONSTRAINT "sentry_project_organization_id_slug_a6e0c1b4_uniq" UNIQUE ("organization_id", "slug"); -- expect-not: constraint.unique-require-index, transaction.require-lock-timeout
CREATE INDEX "sentry_project_organization_id_3017a54d" ON "sentry_project" ("organization_id"); -- expect-not: index.require-concurrently
ALTER TABLE "sentry_groupedmessage" ADD CONSTRAINT "sentry_groupedmessage_project_id_6a1b2c3d_fk_sentry_pr" FOREIGN KEY ("project_id") REFERENCES "sentry_project" ("id") DEFERRABLE INITIALLY DEFERRED; -- expect-not: constraint.fk-require-not-valid
CREATE INDEX "sentry_groupedmessage_project_id_6a1b2c3d" ON "sentry_groupedmessage" ("project_id"); -- expect-not: index.require-concurrently
COMMIT;
