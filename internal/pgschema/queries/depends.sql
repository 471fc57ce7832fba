-- Normal and automatic dependencies between objects created after initdb
-- (and on schemas, public included); the caller maps both ends to the
-- objects it dumps and orders them so.
SELECT d.classid AS class_oid, d.objid AS obj_oid,
       d.refclassid AS ref_class, d.refobjid AS ref_oid, d.refobjsubid AS ref_sub_id
FROM pg_depend d
WHERE d.deptype IN ('n', 'a')
  AND d.objid >= 16384
  AND (d.refobjid >= 16384 OR d.refclassid = 'pg_namespace'::regclass)
  AND cardinality($1::text[]) >= 0
