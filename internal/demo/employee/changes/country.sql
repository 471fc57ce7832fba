ALTER TABLE "public"."employee" ADD COLUMN "country" text NOT NULL DEFAULT '';
