-- Comments on every object of the database; the caller keeps those whose
-- object it dumps. pg_identify_object names the object as SQL would.
SELECT d.classoid AS class_oid,
       d.objoid AS obj_oid,
       d.objsubid AS sub_id,
       o.type,
       o.identity,
       d.description
FROM pg_description d,
     LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) AS o
WHERE d.classoid IN ('pg_namespace'::regclass, 'pg_extension'::regclass, 'pg_type'::regclass,
                     'pg_class'::regclass, 'pg_proc'::regclass, 'pg_constraint'::regclass,
                     'pg_trigger'::regclass, 'pg_rewrite'::regclass, 'pg_policy'::regclass,
                     'pg_event_trigger'::regclass, 'pg_publication'::regclass)
  AND (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass)
  AND cardinality($1::text[]) >= 0
ORDER BY 1, 2, 3
