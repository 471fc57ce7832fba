-- Catalog rows that are part of another object: pg_depend names them, and
-- the caller charges their dependencies to the object that owns them.
-- Internal dependencies first; the more specific rows below win.
SELECT i.classid AS class_oid, i.objid AS obj_oid, i.refclassid AS owner_class, i.refobjid AS owner_oid
FROM pg_depend i WHERE i.deptype = 'i' AND i.objid >= 16384
UNION ALL
SELECT 'pg_type'::regclass::oid, t.oid, 'pg_type'::regclass::oid, t.typelem
FROM pg_type t WHERE t.oid >= 16384 AND t.typelem <> 0
  AND EXISTS (SELECT FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)
UNION ALL
SELECT 'pg_type'::regclass::oid, t.oid, 'pg_class'::regclass::oid, t.typrelid
FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
WHERE t.oid >= 16384 AND c.relkind <> 'c'
UNION ALL
SELECT 'pg_class'::regclass::oid, c.oid, 'pg_type'::regclass::oid, c.reltype
FROM pg_class c WHERE c.oid >= 16384 AND c.relkind = 'c'
UNION ALL
SELECT 'pg_attrdef'::regclass::oid, d.oid, 'pg_class'::regclass::oid, d.adrelid
FROM pg_attrdef d WHERE d.oid >= 16384
UNION ALL
SELECT 'pg_rewrite'::regclass::oid, r.oid, 'pg_class'::regclass::oid, r.ev_class
FROM pg_rewrite r WHERE r.oid >= 16384 AND r.rulename = '_RETURN'
UNION ALL
SELECT 'pg_constraint'::regclass::oid, co.oid,
       CASE WHEN co.contypid <> 0 THEN 'pg_type'::regclass::oid ELSE 'pg_class'::regclass::oid END,
       CASE WHEN co.contypid <> 0 THEN co.contypid ELSE co.conrelid END
FROM pg_constraint co WHERE co.oid >= 16384
UNION ALL
SELECT 'pg_class'::regclass::oid, i.indexrelid,
       CASE WHEN co.oid IS NULL THEN 'pg_class'::regclass::oid ELSE 'pg_constraint'::regclass::oid END,
       coalesce(co.oid, i.indrelid)
FROM pg_index i
LEFT JOIN pg_constraint co ON co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x')
WHERE i.indexrelid >= 16384
UNION ALL
SELECT 'pg_publication_rel'::regclass::oid, pr.oid, 'pg_publication'::regclass::oid, pr.prpubid
FROM pg_publication_rel pr
{{- if ge .Version 150000}}
UNION ALL
SELECT 'pg_publication_namespace'::regclass::oid, pn.oid, 'pg_publication'::regclass::oid, pn.pnpubid
FROM pg_publication_namespace pn
{{- end}}
{{- if ge .Version 140000}}
UNION ALL
SELECT 'pg_type'::regclass::oid, r.rngmultitypid, 'pg_type'::regclass::oid, r.rngtypid
FROM pg_range r WHERE r.rngmultitypid >= 16384
{{- end}}
UNION ALL
SELECT e.classid, e.objid, 'pg_extension'::regclass::oid, e.refobjid
FROM pg_depend e WHERE e.deptype = 'e' AND cardinality($1::text[]) >= 0
