BEGIN; -- expect-not: transaction.nesting, transaction.unclosed
--
-- Add field is_active to product
--
ALTER TABLE "shop_product" ADD COLUMN "is_active" boolean DEFAULT true NOT NULL; -- expect-not: column.add-required, column.add-volatile-default
ALTER TABLE "shop_product" ALTER COLUMN "is_active" DROP DEFAULT; -- expect-not: column.drop-not-null
COMMIT;
