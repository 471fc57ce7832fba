-- User-defined enum, domain, standalone composite and range types, one row
-- each, with everything needed to write their CREATE statements.
SELECT t.oid,
       n.nspname AS schema,
       t.typname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS ident,
       t.typtype::text AS type,
       quote_ident(pg_get_userbyid(t.typowner)) AS owner,
       coalesce((SELECT array_agg(quote_literal(e.enumlabel) ORDER BY e.enumsortorder)
                 FROM pg_enum e WHERE e.enumtypid = t.oid), '{}') AS labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE '' END AS base_type,
       coalesce((SELECT ' COLLATE ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                 FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                 JOIN pg_type bt ON bt.oid = t.typbasetype
                 WHERE t.typtype = 'd' AND co.oid = t.typcollation AND t.typcollation <> bt.typcollation), '') AS collation,
       coalesce(pg_get_expr(t.typdefaultbin, 0), '') AS default_expr,
       t.typnotnull AS not_null,
       coalesce((SELECT array_agg('CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid) ORDER BY c.conname)
                 FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' AND c.convalidated), '{}') AS checks,
       -- CREATE DOMAIN cannot take a NOT VALID constraint: ALTER DOMAIN adds it.
       coalesce((SELECT array_agg('CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid) ORDER BY c.conname)
                 FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' AND NOT c.convalidated), '{}') AS unvalidated_checks,
       coalesce((SELECT array_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) ||
                        coalesce((SELECT ' COLLATE ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                                  FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                                  JOIN pg_type at ON at.oid = a.atttypid
                                  WHERE co.oid = a.attcollation AND a.attcollation <> at.typcollation), '')
                        ORDER BY a.attnum)
                 FROM pg_attribute a
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '{}') AS attributes,
       coalesce(format_type(r.rngsubtype, NULL), '') AS subtype,
       coalesce((SELECT quote_ident(on_.nspname) || '.' || quote_ident(oc.opcname)
                 FROM pg_opclass oc JOIN pg_namespace on_ ON on_.oid = oc.opcnamespace
                 WHERE oc.oid = r.rngsubopc AND NOT oc.opcdefault), '') AS subtype_opclass,
       coalesce((SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                 FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                 JOIN pg_type st ON st.oid = r.rngsubtype
                 WHERE co.oid = r.rngcollation AND r.rngcollation <> st.typcollation), '') AS range_collation,
       coalesce(nullif(r.rngcanonical, 0)::regproc::text, '') AS canonical,
       coalesce(nullif(r.rngsubdiff, 0)::regproc::text, '') AS subtype_diff,
{{- if ge .Version 140000}}
       coalesce((SELECT mn.nspname = n.nspname FROM pg_type mt JOIN pg_namespace mn ON mn.oid = mt.typnamespace
                 WHERE mt.oid = r.rngmultitypid), true) AS multirange_same_schema,
       coalesce((SELECT mt.typname::text FROM pg_type mt WHERE mt.oid = r.rngmultitypid), '') AS multirange_name,
       coalesce((SELECT quote_ident(mn.nspname) || '.' || quote_ident(mt.typname)
                 FROM pg_type mt JOIN pg_namespace mn ON mn.oid = mt.typnamespace
                 WHERE mt.oid = r.rngmultitypid), '') AS multirange_ident
{{- else}}
       true AS multirange_same_schema, '' AS multirange_name, '' AS multirange_ident
{{- end}}
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_range r ON r.rngtypid = t.oid
WHERE t.typtype IN ('e', 'd', 'c', 'r')
  AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
ORDER BY 2, 3
