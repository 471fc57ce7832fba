-- Privileges that differ from the built-in defaults for the owner, as
-- pg_dump computes them: granted = acl minus default, revoked = default
-- minus acl. One row per privilege and grantee.
WITH acls AS (
    SELECT 'pg_class'::regclass::oid AS class_oid, c.oid AS obj_oid, 0 AS sub_id, c.relacl AS acl,
           acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner) AS def
    FROM pg_class c WHERE c.relacl IS NOT NULL AND c.oid >= 16384
    UNION ALL
    SELECT 'pg_class'::regclass::oid, a.attrelid, a.attnum, a.attacl,
           acldefault('c', (SELECT c.relowner FROM pg_class c WHERE c.oid = a.attrelid))
    FROM pg_attribute a WHERE a.attacl IS NOT NULL AND a.attrelid >= 16384 AND NOT a.attisdropped
    UNION ALL
    SELECT 'pg_proc'::regclass::oid, p.oid, 0, p.proacl, acldefault('f', p.proowner)
    FROM pg_proc p WHERE p.proacl IS NOT NULL AND p.oid >= 16384
    UNION ALL
    SELECT 'pg_namespace'::regclass::oid, n.oid, 0, n.nspacl, acldefault('n', n.nspowner)
    FROM pg_namespace n WHERE n.nspacl IS NOT NULL
    UNION ALL
    SELECT 'pg_type'::regclass::oid, t.oid, 0, t.typacl, acldefault('T', t.typowner)
    FROM pg_type t WHERE t.typacl IS NOT NULL AND t.oid >= 16384
), entries AS (
    SELECT a.class_oid, a.obj_oid, a.sub_id, false AS revoke, x.grantee, x.privilege_type, x.is_grantable
    FROM acls a, LATERAL (SELECT grantee, privilege_type, is_grantable FROM aclexplode(a.acl)
                          EXCEPT SELECT grantee, privilege_type, is_grantable FROM aclexplode(a.def)) x
    UNION ALL
    SELECT a.class_oid, a.obj_oid, a.sub_id, true, x.grantee, x.privilege_type, false
    FROM acls a, LATERAL (SELECT grantee, privilege_type FROM aclexplode(a.def)
                          EXCEPT SELECT grantee, privilege_type FROM aclexplode(a.acl)) x
)
SELECT e.class_oid, e.obj_oid, o.type, o.identity,
       coalesce((SELECT quote_ident(at.attname) FROM pg_attribute at
                 WHERE e.sub_id > 0 AND at.attrelid = e.obj_oid AND at.attnum = e.sub_id), '') AS column_ident,
       e.revoke,
       CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(e.grantee)) END AS grantee,
       e.privilege_type AS privilege,
       e.is_grantable AS grantable
FROM entries e, LATERAL pg_identify_object(e.class_oid, e.obj_oid, 0) AS o
WHERE cardinality($1::text[]) >= 0
ORDER BY 1, 2, 5, 6, 7, 8
