-- Table constraints defined on the table itself (not cloned to a partition
-- or inherited), deparsed by pg_get_constraintdef, which includes
-- deferrability, referential actions and NOT VALID.
SELECT co.oid,
       co.conrelid AS table_oid,
       n.nspname || '.' || c.relname AS table_name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_ident,
       co.conname AS name,
       quote_ident(co.conname) AS ident,
       co.contype::text AS type,
       pg_get_constraintdef(co.oid) AS definition,
       -- pg_get_constraintdef leaves out the storage parameters of the index
       -- behind a primary key or unique constraint (not an exclusion's).
       CASE WHEN co.contype IN ('p', 'u')
            THEN coalesce((SELECT array_to_string(ic.reloptions, ', ') FROM pg_class ic WHERE ic.oid = co.conindid), '')
            ELSE '' END AS index_options,
       CASE WHEN co.contype IN ('p', 'u', 'x') THEN co.conindid ELSE 0 END AS index_oid,
       coalesce(i.indisreplident, false) AS replica_identity,
       coalesce(i.indisclustered, false) AS clustered
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index i ON i.indexrelid = co.conindid AND co.contype IN ('p', 'u', 'x')
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x')
  AND co.conislocal
  AND co.conparentid = 0
  AND c.relkind IN ('r', 'p')
  AND n.nspname <> ALL ($1::text[])
  AND n.nspname !~ '^pg_(toast|temp_)'
ORDER BY 3, 5
