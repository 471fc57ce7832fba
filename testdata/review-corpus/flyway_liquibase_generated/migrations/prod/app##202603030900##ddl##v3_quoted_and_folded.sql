SET lock_timeout = '5s';
-- "APP"."CUSTOMER" exists; APP.CUSTOMER folds to app.customer, a different (new) table.
CREATE SCHEMA app;
CREATE TABLE APP.CUSTOMER (ID BIGINT PRIMARY KEY, NAME VARCHAR(100)); -- expect-not: transaction.require-lock-timeout
CREATE INDEX IDX_APP_CUSTOMER_NAME ON app.customer (name); -- expect-not: index.require-concurrently
CREATE INDEX "IDX_CUSTOMER_NAME" ON "APP"."CUSTOMER" ("NAME"); -- expect: index.require-concurrently
ALTER TABLE "APP"."CUSTOMER" ALTER COLUMN "NAME" TYPE VARCHAR(200); -- expect-not: column.change-type
ALTER TABLE "APP"."CUSTOMER" ALTER COLUMN "EMAIL" TYPE VARCHAR(100); -- expect: column.change-type
ALTER TABLE APP.CUSTOMER ALTER COLUMN NAME TYPE VARCHAR(50); -- expect-not: column.change-type
ALTER TABLE "APP"."ORDER" ALTER COLUMN "TOTAL" TYPE NUMERIC(14, 2); -- expect-not: column.change-type
-- Liquibase modifyDataType always writes USING; a cast to the new type changes nothing.
ALTER TABLE public.person ALTER COLUMN given_name TYPE VARCHAR(100) USING (given_name::VARCHAR(100)); -- expect-not: column.change-type
ALTER TABLE public.person ALTER COLUMN address TYPE VARCHAR(100) USING (address::VARCHAR(100)); -- expect: column.change-type
ALTER TABLE public.person ALTER COLUMN given_name TYPE TEXT USING upper(given_name); -- expect: column.change-type
ALTER TABLE "APP"."ORDER" ALTER COLUMN "TOTAL" SET NOT NULL; -- expect: column.set-not-null
ALTER TABLE "APP"."ORDER" ADD COLUMN "STATUS" VARCHAR(20) DEFAULT 'NEW' NOT NULL; -- expect-not: column.add-required, column.add-volatile-default
ALTER TABLE "APP"."ORDER" ADD COLUMN "REF" UUID NOT NULL; -- expect: column.add-required
ALTER TABLE "APP"."ORDER" DROP COLUMN "TOTAL"; -- expect: column.drop
ALTER TABLE "APP"."CUSTOMER" RENAME TO "CLIENT"; -- expect: table.rename
DROP TABLE "APP"."ORDER"; -- expect: table.drop
DROP TABLE APP.CUSTOMER; -- expect-not: table.drop
