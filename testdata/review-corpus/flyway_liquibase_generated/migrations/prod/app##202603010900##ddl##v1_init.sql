-- Flyway V1__init.sql, generated from a Hibernate model.
CREATE SCHEMA "APP";
CREATE TABLE "APP"."CUSTOMER" (
    "ID" BIGINT NOT NULL,
    "NAME" VARCHAR(100),
    "EMAIL" VARCHAR(255) NOT NULL,
    "CREATED" TIMESTAMP WITH TIME ZONE,
    CONSTRAINT "PK_CUSTOMER" PRIMARY KEY ("ID")
);
CREATE TABLE "APP"."ORDER" (
    "ID" BIGINT NOT NULL,
    "CUSTOMER_ID" BIGINT NOT NULL,
    "TOTAL" NUMERIC(12, 2),
    CONSTRAINT "PK_ORDER" PRIMARY KEY ("ID")
);
ALTER TABLE "APP"."ORDER" ADD CONSTRAINT "FK_ORDER_CUSTOMER" FOREIGN KEY ("CUSTOMER_ID") REFERENCES "APP"."CUSTOMER" ("ID"); -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout
CREATE INDEX "IDX_ORDER_CUSTOMER" ON "APP"."ORDER" ("CUSTOMER_ID"); -- expect-not: index.require-concurrently
CREATE TABLE public.person (
    id BIGSERIAL NOT NULL,
    first_name VARCHAR(50),
    age INTEGER,
    CONSTRAINT pk_person PRIMARY KEY (id)
);
