SET lock_timeout = '2s';
CLUSTER public.places USING places_geom_idx; -- expect: table.rewrite
VACUUM (ANALYZE) public.places; -- expect-not: table.rewrite, transaction.require-lock-timeout
VACUUM FULL public.regions; -- expect: table.rewrite
ANALYZE public.places; -- expect-not: transaction.require-lock-timeout
DROP EXTENSION IF EXISTS pg_trgm CASCADE; -- expect: statement.cascade
DROP EXTENSION citext; -- expect-not: table.drop, statement.cascade
