-- Event triggers belong to the database, not to a schema; the ones whose
-- function lives in an excluded schema are left out with it.
SELECT e.oid,
       e.evtname AS name,
       quote_ident(e.evtname) AS ident,
       e.evtevent AS event,
       quote_ident(pg_get_userbyid(e.evtowner)) AS owner,
       quote_ident(n.nspname) || '.' || quote_ident(p.proname) AS function_ident,
       coalesce(ARRAY(SELECT quote_literal(tag) FROM unnest(e.evttags) AS tag ORDER BY 1), '{}') AS tags,
       e.evtenabled::text AS enabled
FROM pg_event_trigger e
JOIN pg_proc p ON p.oid = e.evtfoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname <> ALL ($1::text[])
  AND NOT EXISTS (SELECT FROM pg_depend x
                  WHERE x.classid = 'pg_event_trigger'::regclass AND x.objid = e.oid AND x.deptype = 'e')
ORDER BY 2
