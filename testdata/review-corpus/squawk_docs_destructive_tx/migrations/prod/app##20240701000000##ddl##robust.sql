-- prefer-robust-stmts: under psql nothing wraps the file, so a retry after a
-- partial failure trips over what the first run already did.
SET lock_timeout = '2s';
ALTER TABLE clients ADD COLUMN score integer; -- expect: statement.prefer-robust
ALTER TABLE clients ADD COLUMN IF NOT EXISTS rank integer; -- expect-not: statement.prefer-robust
CREATE INDEX CONCURRENTLY clients_score_idx ON clients (score); -- expect: statement.prefer-robust
CREATE INDEX CONCURRENTLY IF NOT EXISTS clients_rank_idx ON clients (rank); -- expect-not: statement.prefer-robust
CREATE TABLE IF NOT EXISTS client_notes (id bigint PRIMARY KEY, note text); -- expect-not: statement.prefer-robust
CREATE TABLE client_tags (id bigint PRIMARY KEY, tag text); -- expect: statement.prefer-robust
DROP INDEX CONCURRENTLY clients_score_idx; -- expect: statement.prefer-robust
ALTER TABLE clients DROP CONSTRAINT IF EXISTS clients_score_positive; -- expect-not: statement.prefer-robust
-- Re-adding a constraint is robust when the same statement list drops it first.
ALTER TABLE clients ADD CONSTRAINT clients_rank_positive CHECK (rank > 0) NOT VALID; -- expect: statement.prefer-robust
ALTER TABLE clients DROP CONSTRAINT IF EXISTS clients_tier_present; -- expect-not: statement.prefer-robust
ALTER TABLE clients ADD CONSTRAINT clients_tier_present CHECK (tier IS NOT NULL) NOT VALID; -- expect-not: statement.prefer-robust
-- Inside an explicit transaction a failure rolls everything back: nothing half-done to trip over.
BEGIN;
ALTER TABLE clients ADD COLUMN segment text; -- expect-not: statement.prefer-robust
CREATE TABLE client_segments (id bigint PRIMARY KEY, name text); -- expect-not: statement.prefer-robust
COMMIT;
