-- Indexes that do not back a constraint and are not the partition of a
-- partitioned index (those are created by the parent index).
SELECT i.indexrelid AS oid,
       i.indrelid AS table_oid,
       n.nspname || '.' || c.relname AS table_name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_ident,
       ic.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(ic.relname) AS ident,
       quote_ident(ic.relname) AS name_ident,
       pg_get_indexdef(i.indexrelid) AS definition,
       ic.relkind = 'I' AS partitioned,
       i.indisreplident AS replica_identity,
       i.indisclustered AS clustered,
       ARRAY(SELECT 'ALTER INDEX ' || quote_ident(n.nspname) || '.' || quote_ident(ic.relname) ||
                    ' ALTER COLUMN ' || a.attnum || ' SET STATISTICS ' || a.attstattarget || ';'
             FROM pg_attribute a
             WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0
             ORDER BY a.attnum) AS statistics
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
  AND NOT ic.relispartition
  AND NOT EXISTS (SELECT FROM pg_constraint co
                  WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x'))
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = i.indexrelid AND e.deptype = 'e')
ORDER BY 3, 5
