BEGIN;
--
-- Alter field name on product
--
ALTER TABLE "shop_product" ALTER COLUMN "name" TYPE varchar(300); -- expect-not: column.change-type
--
-- Alter field price on product
--
ALTER TABLE "shop_product" ALTER COLUMN "price" TYPE numeric(10, 3) USING "price"::numeric(10, 3); -- expect: column.change-type
--
-- Alter unique_together for product (1 constraint(s))
--
ALTER TABLE "shop_product" ADD CONSTRAINT "shop_product_category_id_name_5e6f7a8b_uniq" UNIQUE ("category_id", "name"); -- expect: constraint.unique-require-index
--
-- Alter field name on product (db_index=True)
--
CREATE INDEX "shop_product_name_1c2d3e4f" ON "shop_product" ("name"); -- expect: index.require-concurrently
CREATE INDEX "shop_product_name_1c2d3e4f_like" ON "shop_product" ("name" varchar_pattern_ops); -- expect: index.require-concurrently
COMMIT;
