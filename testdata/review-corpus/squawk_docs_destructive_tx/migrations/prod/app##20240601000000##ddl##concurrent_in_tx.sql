-- ban-concurrent-index-creation-in-transaction.
BEGIN;
CREATE INDEX CONCURRENTLY clients_tier_idx ON clients (tier); -- expect: transaction.disallowed-in-transaction; expect-not: index.require-concurrently
COMMIT;
-- Outside a block psql autocommits it: fine.
CREATE INDEX CONCURRENTLY IF NOT EXISTS clients_region_idx ON clients (region); -- expect-not: transaction.disallowed-in-transaction, statement.prefer-robust
DROP INDEX CONCURRENTLY IF EXISTS clients_region_idx; -- expect-not: transaction.disallowed-in-transaction, statement.prefer-robust
BEGIN;
DROP INDEX CONCURRENTLY customers_full_name_idx; -- expect: transaction.disallowed-in-transaction
COMMIT;
