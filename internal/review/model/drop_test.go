package model

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// names returns the names of relations, indexes, types and functions of s,
// sorted, for tests that check what exists.
func names(s *Schema) []string {
	var out []string
	for _, r := range s.Relations() {
		out = append(out, string(r.Kind)+" "+r.Name.String())
		for _, idx := range r.Indexes {
			out = append(out, "index "+idx.Name.String())
		}
		for _, c := range r.Constraints {
			out = append(out, "constraint "+r.Name.String()+"."+c.Name)
		}
	}
	for q := range s.enums {
		out = append(out, "enum "+q.String())
	}
	for q := range s.domains {
		out = append(out, "domain "+q.String())
	}
	for q := range s.composites {
		out = append(out, "composite "+q.String())
	}
	for q, fs := range s.functions {
		for _, f := range fs {
			out = append(out, f.Kind+" "+q.String()+"("+strings.Join(f.Args, ",")+")")
		}
	}
	slices.Sort(out)
	return out
}

func TestDrop(t *testing.T) {
	const setup = `CREATE TABLE a (id serial PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a, x int);
		CREATE INDEX b_x ON b (x); CREATE VIEW v AS SELECT 1 AS one; CREATE MATERIALIZED VIEW m AS SELECT 1 AS one;
		CREATE SEQUENCE q; CREATE TYPE e AS ENUM ('x'); CREATE DOMAIN d AS int; CREATE TYPE c AS (f int);
		CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 1'; CREATE FUNCTION f(text) RETURNS int LANGUAGE sql AS 'select 1';
		CREATE PROCEDURE p() LANGUAGE sql AS 'select 1';`
	base := []string{
		"composite public.c", "constraint public.a.a_pkey", "constraint public.b.b_a_id_fkey", "domain public.d",
		"enum public.e", "function public.f(integer)", "function public.f(text)", "index public.a_pkey", "index public.b_x",
		"matview public.m", "procedure public.p()", "sequence public.a_id_seq", "sequence public.q",
		"table public.a", "table public.b", "view public.v",
	}
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(base), func(n string) bool { return slices.Contains(drop, n) })
	}
	tests := []struct {
		name string
		sql  string
		want []string
	}{
		{"nothing", ``, base},
		{"table with its sequence, index and referencing foreign keys", `DROP TABLE a CASCADE`,
			without("table public.a", "sequence public.a_id_seq", "index public.a_pkey", "constraint public.a.a_pkey", "constraint public.b.b_a_id_fkey")},
		{"list, if exists", `DROP TABLE IF EXISTS nope, public.b`,
			without("table public.b", "index public.b_x", "constraint public.b.b_a_id_fkey")},
		{"kind must match", `DROP TABLE v; DROP VIEW m; DROP SEQUENCE a; DROP INDEX a`, base},
		{"view, matview, sequence", `DROP VIEW v; DROP MATERIALIZED VIEW m; DROP SEQUENCE q`,
			without("view public.v", "matview public.m", "sequence public.q")},
		{"index", `DROP INDEX CONCURRENTLY IF EXISTS b_x`, without("index public.b_x")},
		{"index backing a constraint", `DROP INDEX a_pkey CASCADE`, without("index public.a_pkey", "constraint public.a.a_pkey")},
		{"types", `DROP TYPE e, c; DROP DOMAIN d`, without("enum public.e", "composite public.c", "domain public.d")},
		{"drop domain does not drop other types", `DROP DOMAIN e`, base},
		{"one overload", `DROP FUNCTION f(integer)`, without("function public.f(integer)")},
		{"all overloads", `DROP FUNCTION f; DROP PROCEDURE p`, without("function public.f(integer)", "function public.f(text)", "procedure public.p()")},
		{"routine", `DROP ROUTINE IF EXISTS f(text), nope()`, without("function public.f(text)")},
		{"comment on is ignored", `COMMENT ON TABLE a IS 'x'; COMMENT ON COLUMN a.id IS 'y'`, base},
		{"other statements are ignored", `GRANT SELECT ON a TO bob; INSERT INTO a VALUES (1); UPDATE b SET x = 1;
			DO $$ BEGIN DROP TABLE a; END $$; CREATE TRIGGER tr AFTER INSERT ON a EXECUTE FUNCTION f(); BEGIN; COMMIT;
			CREATE EXTENSION IF NOT EXISTS citext; TRUNCATE a; VACUUM a; ANALYZE a; REFRESH MATERIALIZED VIEW m`, base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := names(build(t, setup+tt.sql))
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("objects (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRenameAndSetSchema(t *testing.T) {
	const setup = `CREATE SCHEMA s; CREATE TYPE e AS ENUM ('x'); CREATE DOMAIN d AS e[] CHECK (VALUE IS NOT NULL);
		CREATE TYPE c AS (f int); CREATE TABLE t (id serial PRIMARY KEY, v e, w d, x c);
		CREATE TABLE r (t_id int REFERENCES t); CREATE INDEX t_v ON t (v);
		CREATE FUNCTION f(e) RETURNS e LANGUAGE sql AS 'select $1';`
	tests := []struct {
		name string
		sql  string
		want []string
		// cols are the column types of the table tcol after sql.
		tcol QName
		cols []string
	}{
		{
			name: "table rename keeps foreign keys pointing at it",
			sql:  `ALTER TABLE t RENAME TO t2`,
			want: []string{"constraint public.r.r_t_id_fkey", "constraint public.t2.t_pkey", "index public.t_pkey", "index public.t_v",
				"sequence public.t_id_seq", "table public.r", "table public.t2"},
			tcol: pub("t2"), cols: []string{"integer", "public.e", "public.d", "public.c"},
		},
		{
			name: "set schema moves indexes and the serial sequence",
			sql:  `ALTER TABLE t SET SCHEMA s`,
			want: []string{"constraint public.r.r_t_id_fkey", "constraint s.t.t_pkey", "index s.t_pkey", "index s.t_v",
				"sequence s.t_id_seq", "table public.r", "table s.t"},
			tcol: QName{"s", "t"}, cols: []string{"integer", "public.e", "public.d", "public.c"},
		},
		{
			name: "index rename renames its constraint",
			sql:  `ALTER INDEX t_pkey RENAME TO t_pk; ALTER INDEX IF EXISTS t_v RENAME TO t_v2; ALTER INDEX nope RENAME TO x`,
			want: []string{"constraint public.r.r_t_id_fkey", "constraint public.t.t_pk", "index public.t_pk", "index public.t_v2",
				"sequence public.t_id_seq", "table public.r", "table public.t"},
			tcol: pub("t"), cols: []string{"integer", "public.e", "public.d", "public.c"},
		},
		{
			name: "type renames reach columns, domains and functions",
			sql:  `ALTER TYPE e RENAME TO mood; ALTER DOMAIN d RENAME TO moods; ALTER TYPE c SET SCHEMA s; ALTER DOMAIN moods SET SCHEMA s`,
			want: []string{"constraint public.r.r_t_id_fkey", "constraint public.t.t_pkey", "index public.t_pkey", "index public.t_v",
				"sequence public.t_id_seq", "table public.r", "table public.t"},
			tcol: pub("t"), cols: []string{"integer", "public.mood", "s.moods", "s.c"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, setup+tt.sql)
			got := slices.DeleteFunc(names(s), func(n string) bool {
				return n[:4] == "enum" || n[:6] == "domain" || n[:9] == "composite" || n[:8] == "function"
			})
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("objects (-want +got):\n%s", diff)
			}
			var cols []string
			for _, c := range s.Relation(tt.tcol).Columns {
				cols = append(cols, c.Type)
			}
			if diff := cmp.Diff(tt.cols, cols); diff != "" {
				t.Errorf("column types (-want +got):\n%s", diff)
			}
		})
	}
	s := build(t, setup+`ALTER TYPE e RENAME TO mood; ALTER FUNCTION f(mood) RENAME TO g; ALTER FUNCTION g SET SCHEMA s`)
	want := []*Function{{Name: QName{"s", "g"}, Args: []string{"public.mood"}, Returns: "public.mood", Volatility: Volatile, Kind: FuncFunction}}
	if diff := cmp.Diff(want, s.Function(QName{"s", "g"})); diff != "" {
		t.Errorf("renamed function (-want +got):\n%s", diff)
	}
	if d := s.Domain(pub("d")); d == nil || d.BaseType != "public.mood[]" {
		t.Errorf("domain over the renamed enum = %+v, want base type public.mood[]", d)
	}
}
