CREATE TABLE "comments" ("id" bigserial primary key, "post_id" bigint NOT NULL, "body" text NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
CREATE INDEX "index_comments_on_post_id" ON "comments" ("post_id"); -- expect-not: index.require-concurrently
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_2fd19c0db7" FOREIGN KEY ("post_id") REFERENCES "posts" ("id"); -- expect-not: constraint.fk-require-not-valid
