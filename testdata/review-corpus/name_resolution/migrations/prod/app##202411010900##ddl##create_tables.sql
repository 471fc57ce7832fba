CREATE TABLE public."Orders" ("Id" bigint PRIMARY KEY, "CustomerName" text NOT NULL, "Total" numeric(10,2) NOT NULL DEFAULT 0);
CREATE TABLE public.orders (id bigint PRIMARY KEY, total varchar(20) NOT NULL DEFAULT '0');
CREATE TABLE public.items (id bigint PRIMARY KEY, sku text NOT NULL);
-- Payslip folds to payslip: public."payslip" is the same table, created in this file.
CREATE TABLE Public.Payslip (Id bigint PRIMARY KEY, Amount numeric NOT NULL);
CREATE INDEX payslip_amount_idx ON public."payslip" ("amount"); -- expect-not: index.require-concurrently
CREATE TABLE public.Widgets (id bigint PRIMARY KEY, name text NOT NULL);
CREATE INDEX widgets_name_idx ON PUBLIC."widgets" (NAME); -- expect-not: index.require-concurrently
