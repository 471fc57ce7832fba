BEGIN;
--
-- Remove field quantity from order
--
ALTER TABLE "shop_order" DROP COLUMN "quantity" CASCADE; -- expect: column.drop
--
-- Rename model Category to ProductCategory
--
ALTER TABLE "shop_category" RENAME TO "shop_productcategory"; -- expect: table.rename, transaction.statement-after-access-exclusive
COMMIT;
