ALTER TABLE "public"."employee" ADD COLUMN "nick_name" text;
