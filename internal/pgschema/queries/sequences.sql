-- Sequences, including identity sequences (owned_kind 'i'), which the
-- caller folds into their column; owned_kind 'a' is OWNED BY.
SELECT c.oid,
       n.nspname AS schema,
       c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS ident,
       quote_ident(pg_get_userbyid(c.relowner)) AS owner,
       format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart AS start_value,
       s.seqincrement AS increment,
       s.seqmin AS min_value,
       s.seqmax AS max_value,
       s.seqcache AS cache,
       s.seqcycle AS cycle,
       c.relpersistence = 'u' AS unlogged,
       coalesce(d.deptype::text, '') AS owned_kind,
       coalesce(d.refobjid, 0) AS owned_table,
       coalesce(quote_ident(tn.nspname) || '.' || quote_ident(t.relname) || '.' || quote_ident(a.attname), '') AS owned_column,
       coalesce(a.attname::text, '') AS owned_column_name
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                     AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class t ON t.oid = d.refobjid
LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY 2, 3
