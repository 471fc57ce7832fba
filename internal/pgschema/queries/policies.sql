-- Row-level security policies. Roles are sorted by name; PUBLIC is role 0.
SELECT p.oid,
       n.nspname || '.' || c.relname AS table_name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_ident,
       p.polname AS name,
       quote_ident(p.polname) AS ident,
       p.polcmd::text AS command,
       p.polpermissive AS permissive,
       ARRAY(SELECT CASE WHEN r.role = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.role)) END
             FROM unnest(p.polroles) AS r(role) ORDER BY 1) AS roles,
       coalesce(pg_get_expr(p.polqual, p.polrelid), '') AS using_expr,
       coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') AS check_expr
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
ORDER BY 2, 4
