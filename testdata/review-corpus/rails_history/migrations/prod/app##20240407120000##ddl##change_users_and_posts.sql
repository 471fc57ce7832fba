SET lock_timeout = '5s';
ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL; -- expect: column.set-not-null
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name"; -- expect: column.rename
ALTER TABLE "posts" DROP COLUMN "body"; -- expect: column.drop
ALTER TABLE "posts" ALTER COLUMN "title" TYPE character varying(255); -- expect: column.change-type
ALTER TABLE "users" ALTER COLUMN "email" TYPE text; -- expect-not: column.change-type
ALTER TABLE "comments" RENAME TO "post_comments"; -- expect: table.rename
ALTER TABLE "users" ALTER COLUMN "email" DROP DEFAULT; -- expect-not: column.drop-not-null, column.drop
