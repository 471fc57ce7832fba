-- add_reference :posts, :user, foreign_key: true (the unsafe default)
ALTER TABLE "posts" ADD "user_id" bigint; -- expect-not: column.add-required, constraint.fk-require-not-valid, column.add-volatile-default
CREATE INDEX "index_posts_on_user_id" ON "posts" ("user_id"); -- expect: index.require-concurrently
ALTER TABLE "posts" ADD CONSTRAINT "fk_rails_5b5ddfd518" FOREIGN KEY ("user_id") REFERENCES "users" ("id"); -- expect: constraint.fk-require-not-valid, transaction.require-lock-timeout
