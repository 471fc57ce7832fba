--
-- Raw SQL operation (atomic = False: no BEGIN/COMMIT)
--
CREATE INDEX CONCURRENTLY "shop_order_quantity_idx" ON "shop_order" ("quantity"); -- expect-not: transaction.disallowed-in-transaction, index.require-concurrently
