-- Schemas (namespaces) outside the excluded list and not created by an
-- extension. $1 is the list of excluded schema names.
SELECT n.oid,
       n.nspname                  AS name,
       quote_ident(n.nspname)     AS ident,
       quote_ident(pg_get_userbyid(n.nspowner)) AS owner
FROM pg_namespace n
WHERE n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')
ORDER BY n.nspname
