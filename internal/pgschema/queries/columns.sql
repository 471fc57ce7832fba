-- Columns of the tables of tables.sql and of views in attnum order, dropped
-- columns skipped. Defaults and generation expressions are deparsed by the
-- server; storage is compared with the type's by the caller.
SELECT a.attrelid AS table_oid,
       a.attnum AS num,
       a.attname AS name,
       quote_ident(a.attname) AS ident,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       coalesce((SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                 FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                 JOIN pg_type ty ON ty.oid = a.atttypid
                 WHERE co.oid = a.attcollation AND a.attcollation <> ty.typcollation), '') AS collation,
       a.attnotnull AS not_null,
       coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS default_expr,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       a.attislocal AS is_local,
       a.attstorage::text AS storage,
       ty.typstorage::text AS type_storage,
       {{if ge .Version 140000}}a.attcompression::text{{else}}''{{end}} AS compression,
       coalesce(a.attstattarget, -1) AS statistics,
       coalesce(a.attoptions, '{}') AS options
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relkind IN ('r', 'p', 'v')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
ORDER BY a.attrelid, a.attnum
