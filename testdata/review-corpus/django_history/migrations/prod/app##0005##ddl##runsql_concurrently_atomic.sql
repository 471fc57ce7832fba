BEGIN;
--
-- Raw SQL operation (the migration forgot atomic = False)
--
CREATE INDEX CONCURRENTLY "shop_order_created_idx" ON "shop_order" ("created"); -- expect: transaction.disallowed-in-transaction; expect-not: index.require-concurrently
COMMIT;
