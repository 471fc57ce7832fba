-- Rewrite rules other than the _RETURN rules that implement views.
SELECT r.oid,
       n.nspname || '.' || c.relname AS table_name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_ident,
       r.rulename AS name,
       quote_ident(r.rulename) AS ident,
       pg_get_ruledef(r.oid) AS definition,
       r.ev_enabled::text AS enabled
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY 2, 4
