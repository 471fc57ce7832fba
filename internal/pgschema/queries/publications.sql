-- Publications with their tables (and, from PostgreSQL 15, column lists,
-- row filters and schemas). Entries are written ready for FOR TABLE.
SELECT p.oid,
       p.pubname AS name,
       quote_ident(p.pubname) AS ident,
       quote_ident(pg_get_userbyid(p.pubowner)) AS owner,
       p.puballtables AS all_tables,
       p.pubinsert AS ins, p.pubupdate AS upd, p.pubdelete AS del, p.pubtruncate AS trunc,
       {{if ge .Version 130000}}p.pubviaroot{{else}}false{{end}} AS via_root,
       coalesce((SELECT array_agg(
                    'ONLY ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
{{- if ge .Version 150000}}
                    || coalesce(' (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                                          FROM pg_attribute a
                                          WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs)) || ')', '')
                    || coalesce(' WHERE (' || pg_get_expr(pr.prqual, pr.prrelid) || ')', '')
{{- end}}
                    ORDER BY n.nspname, c.relname)
                 FROM pg_publication_rel pr
                 JOIN pg_class c ON c.oid = pr.prrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE pr.prpubid = p.oid AND n.nspname <> ALL ($1::text[])), '{}') AS tables,
{{- if ge .Version 150000}}
       coalesce((SELECT array_agg(quote_ident(n.nspname) ORDER BY n.nspname)
                 FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid
                 WHERE pn.pnpubid = p.oid), '{}') AS schemas
{{- else}}
       '{}'::text[] AS schemas
{{- end}}
FROM pg_publication p
ORDER BY 2
