SET lock_timeout = '5s';
-- Before PostgreSQL 11 every DEFAULT on ADD COLUMN rewrites the table.
ALTER TABLE "users" ADD "staged" boolean DEFAULT false NOT NULL; -- expect: column.add-volatile-default; expect-not: column.add-required
ALTER TABLE "topics" ADD "slug" character varying DEFAULT NULL; -- expect-not: column.add-volatile-default
ALTER TABLE "topics" ADD "fancy_title" character varying DEFAULT NULL::character varying; -- expect-not: column.add-volatile-default
ALTER TABLE "posts" ADD "word_count" integer; -- expect-not: column.add-volatile-default
ALTER TABLE "posts" ADD "baked_at" timestamp DEFAULT now(); -- expect: column.add-volatile-default
-- The safe pre-11 recipe: add without default, then set the default for new rows only.
ALTER TABLE "posts" ADD "version" integer; -- expect-not: column.add-volatile-default
ALTER TABLE "posts" ALTER COLUMN "version" SET DEFAULT 1; -- expect-not: column.add-volatile-default
