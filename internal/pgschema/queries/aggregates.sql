-- Aggregates with the parts of pg_aggregate that CREATE AGGREGATE takes.
-- Ordered-set and moving aggregates are flagged for the caller to report.
SELECT p.oid,
       n.nspname AS schema,
       p.proname AS name,
       oidvectortypes(p.proargtypes) AS identity_args,
       quote_ident(n.nspname) || '.' || quote_ident(p.proname) ||
           '(' || pg_get_function_identity_arguments(p.oid) || ')' AS ident,
       quote_ident(n.nspname) || '.' || quote_ident(p.proname) AS name_ident,
       pg_get_function_arguments(p.oid) AS arguments,
       quote_ident(pg_get_userbyid(p.proowner)) AS owner,
       a.aggkind <> 'n' OR a.aggmtransfn <> 0 AS unsupported,
       a.aggtransfn::regproc::text AS sfunc,
       format_type(a.aggtranstype, NULL) AS stype,
       a.aggtransspace AS sspace,
       coalesce(nullif(a.aggfinalfn, 0)::regproc::text, '') AS finalfunc,
       a.aggfinalextra AS finalfunc_extra,
       coalesce(nullif(a.aggcombinefn, 0)::regproc::text, '') AS combinefunc,
       coalesce(nullif(a.aggserialfn, 0)::regproc::text, '') AS serialfunc,
       coalesce(nullif(a.aggdeserialfn, 0)::regproc::text, '') AS deserialfunc,
       coalesce(a.agginitval, '') AS initcond,
       a.agginitval IS NOT NULL AS has_initcond,
       coalesce((SELECT 'OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')'
                 FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace
                 WHERE o.oid = a.aggsortop), '') AS sortop,
       p.proparallel::text AS parallel
FROM pg_proc p
JOIN pg_aggregate a ON a.aggfnoid = p.oid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind = 'a'
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
  AND NOT EXISTS (SELECT FROM pg_depend e
                  WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
ORDER BY 2, 3, 4
