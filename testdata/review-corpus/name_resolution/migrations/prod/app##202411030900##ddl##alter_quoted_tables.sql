SET lock_timeout = '2s';
ALTER TABLE public."Orders" ALTER COLUMN "Total" TYPE numeric(12,2); -- expect-not: column.change-type
ALTER TABLE public.orders ALTER COLUMN total TYPE varchar(40); -- expect-not: column.change-type
ALTER TABLE public.ORDERS ALTER COLUMN TOTAL TYPE varchar(10); -- expect: column.change-type
ALTER TABLE public."Orders" RENAME COLUMN "CustomerName" TO "Customer"; -- expect: column.rename
ALTER TABLE public."Orders" ADD COLUMN "Ref" text NOT NULL; -- expect: column.add-required
DROP TABLE public."Invoice"; -- expect: table.drop
