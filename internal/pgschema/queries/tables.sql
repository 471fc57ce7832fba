-- Ordinary and partitioned tables with their table-level properties;
-- typed and foreign tables are reported as unsupported by unsupported.sql.
SELECT c.oid,
       n.nspname AS schema,
       c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS ident,
       c.relkind::text AS kind,
       quote_ident(pg_get_userbyid(c.relowner)) AS owner,
       c.relpersistence = 'u' AS unlogged,
       coalesce(c.reloptions, '{}') ||
           coalesce((SELECT array_agg('toast.' || o) FROM pg_class tc, unnest(tc.reloptions) AS o
                     WHERE tc.oid = c.reltoastrelid), '{}') AS options,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END AS partition_key,
       coalesce(CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, '') AS partition_bound,
       coalesce((SELECT array_agg(i.inhparent::regclass::text ORDER BY i.inhseqno)
                 FROM pg_inherits i WHERE i.inhrelid = c.oid), '{}') AS parents,
       coalesce((SELECT array_agg(i.inhparent ORDER BY i.inhseqno)
                 FROM pg_inherits i WHERE i.inhrelid = c.oid), '{}') AS parent_oids,
       c.relrowsecurity AS row_security,
       c.relforcerowsecurity AS force_row_security,
       c.relreplident::text AS replica_identity,
       coalesce(CASE WHEN c.relkind = 'r' AND am.amname <> 'heap' THEN quote_ident(am.amname) END, '') AS access_method
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r', 'p')
  AND c.reloftype = 0
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY 2, 3
