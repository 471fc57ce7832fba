CREATE TABLE public."Invoice" ("Id" bigint PRIMARY KEY, "Number" text NOT NULL);
CREATE INDEX "Invoice_Number_idx" ON public."Invoice" ("Number"); -- expect-not: index.require-concurrently
CREATE INDEX orders_total_idx ON public.ORDERS (total); -- expect: index.require-concurrently
CREATE INDEX "Orders_Total_idx" ON "public"."Orders" ("Total"); -- expect: index.require-concurrently
CREATE TABLE public."Items" ("Id" bigint PRIMARY KEY, "Sku" text NOT NULL);
-- public.Items folds to public.items, the table of the previous file, not "Items" created above.
CREATE INDEX items_sku_idx ON public.Items (sku); -- expect: index.require-concurrently
CREATE INDEX "Items_Sku_idx" ON public."Items" ("Sku"); -- expect-not: index.require-concurrently
