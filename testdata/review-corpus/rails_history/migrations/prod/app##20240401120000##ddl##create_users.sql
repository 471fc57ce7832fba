-- rails db:migrate:up VERSION=20240401120000 (CreateUsers), as dumped by rails db:migrate --dry-run style SQL
CREATE TABLE "users" ("id" bigserial primary key, "email" character varying DEFAULT '' NOT NULL, "name" character varying, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL); -- expect: column.prefer-identity, column.prefer-timestamptz; expect-not: table.require-primary-key
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email"); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
