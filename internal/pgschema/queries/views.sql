-- Views and materialized views with their definitions.
SELECT c.oid,
       n.nspname AS schema,
       c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS ident,
       c.relkind::text AS kind,
       quote_ident(pg_get_userbyid(c.relowner)) AS owner,
       coalesce(c.reloptions, '{}') ||
           coalesce((SELECT array_agg('toast.' || o) FROM pg_class tc, unnest(tc.reloptions) AS o
                     WHERE tc.oid = c.reltoastrelid), '{}') AS options,
       pg_get_viewdef(c.oid) AS definition,
       coalesce(CASE WHEN c.relkind = 'm' AND am.amname <> 'heap' THEN quote_ident(am.amname) END, '') AS access_method
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('v', 'm')
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY 2, 3
