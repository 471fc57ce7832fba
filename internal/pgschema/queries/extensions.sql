-- Extensions created after initdb (plpgsql, created by initdb, is left out
-- like pg_dump does). $1 is unused here but keeps one calling convention.
SELECT x.oid,
       x.extname                 AS name,
       quote_ident(x.extname)    AS ident,
       quote_ident(n.nspname)    AS schema_ident,
       x.extversion              AS version
FROM pg_extension x
JOIN pg_namespace n ON n.oid = x.extnamespace
WHERE x.oid >= 16384
  AND cardinality($1::text[]) >= 0
ORDER BY x.extname
