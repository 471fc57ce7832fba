-- User triggers (not internal, not cloned to a partition from its parent's
-- trigger), deparsed by pg_get_triggerdef.
SELECT t.oid,
       n.nspname || '.' || c.relname AS table_name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_ident,
       t.tgname AS name,
       quote_ident(t.tgname) AS ident,
       pg_get_triggerdef(t.oid) AS definition,
       t.tgenabled::text AS enabled
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_trigger'::regclass AND d.objid = t.oid
                    AND d.refclassid = 'pg_trigger'::regclass)
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY 2, 4
