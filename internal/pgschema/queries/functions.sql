-- Functions, procedures and window functions in any language, with the
-- full definition from pg_get_functiondef. Aggregates are in aggregates.sql.
SELECT p.oid,
       n.nspname AS schema,
       p.proname AS name,
       oidvectortypes(p.proargtypes) AS identity_args,
       quote_ident(n.nspname) || '.' || quote_ident(p.proname) ||
           '(' || pg_get_function_identity_arguments(p.oid) || ')' AS ident,
       p.prokind::text AS kind,
       quote_ident(pg_get_userbyid(p.proowner)) AS owner,
       pg_get_functiondef(p.oid) AS definition
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'w')
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
ORDER BY 2, 3, 4
