-- Objects of kinds dbcd does not model yet. They are reported by name
-- (pg_describe_object) so that a dump never drops them silently.
WITH objs (class_oid, obj_oid, nsp) AS (
    SELECT 'pg_collation'::regclass::oid, oid, collnamespace FROM pg_collation
    UNION ALL SELECT 'pg_conversion'::regclass::oid, oid, connamespace FROM pg_conversion
    UNION ALL SELECT 'pg_operator'::regclass::oid, oid, oprnamespace FROM pg_operator
    UNION ALL SELECT 'pg_opclass'::regclass::oid, oid, opcnamespace FROM pg_opclass
    UNION ALL SELECT 'pg_opfamily'::regclass::oid, oid, opfnamespace FROM pg_opfamily
    UNION ALL SELECT 'pg_ts_config'::regclass::oid, oid, cfgnamespace FROM pg_ts_config
    UNION ALL SELECT 'pg_ts_dict'::regclass::oid, oid, dictnamespace FROM pg_ts_dict
    UNION ALL SELECT 'pg_ts_parser'::regclass::oid, oid, prsnamespace FROM pg_ts_parser
    UNION ALL SELECT 'pg_ts_template'::regclass::oid, oid, tmplnamespace FROM pg_ts_template
    UNION ALL SELECT 'pg_statistic_ext'::regclass::oid, oid, stxnamespace FROM pg_statistic_ext
    UNION ALL SELECT 'pg_class'::regclass::oid, oid, relnamespace FROM pg_class
              WHERE relkind = 'f' OR (relkind IN ('r', 'p') AND reloftype <> 0)
    UNION ALL SELECT 'pg_type'::regclass::oid, oid, typnamespace FROM pg_type
              WHERE typtype IN ('b', 'p') AND NOT (typelem <> 0 AND typlen = -1)
    UNION ALL SELECT 'pg_proc'::regclass::oid, p.oid, p.pronamespace FROM pg_proc p
              JOIN pg_aggregate a ON a.aggfnoid = p.oid
              WHERE a.aggkind <> 'n' OR a.aggmtransfn <> 0
    UNION ALL SELECT 'pg_cast'::regclass::oid, oid, NULL FROM pg_cast
    UNION ALL SELECT 'pg_language'::regclass::oid, oid, NULL FROM pg_language
    UNION ALL SELECT 'pg_am'::regclass::oid, oid, NULL FROM pg_am
    UNION ALL SELECT 'pg_transform'::regclass::oid, oid, NULL FROM pg_transform
    UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass::oid, oid, NULL FROM pg_foreign_data_wrapper
    UNION ALL SELECT 'pg_foreign_server'::regclass::oid, oid, NULL FROM pg_foreign_server
    UNION ALL SELECT 'pg_user_mapping'::regclass::oid, umid, NULL FROM pg_user_mappings
    UNION ALL SELECT 'pg_default_acl'::regclass::oid, oid, NULL FROM pg_default_acl
    UNION ALL SELECT 'pg_subscription'::regclass::oid, oid, NULL FROM pg_subscription
              WHERE subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
)
SELECT pg_describe_object(o.class_oid, o.obj_oid, 0) AS description
FROM objs o
LEFT JOIN pg_namespace n ON n.oid = o.nsp
WHERE o.obj_oid >= 16384
  AND (n.nspname IS NULL OR (n.nspname <> ALL ($1::text[]) AND n.nspname !~ '^pg_(toast|temp_)'))
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = o.class_oid AND e.objid = o.obj_oid AND e.deptype = 'e')
  AND NOT EXISTS (SELECT FROM pg_depend i
                  WHERE i.classid = o.class_oid AND i.objid = o.obj_oid AND i.deptype = 'i')
ORDER BY 1
