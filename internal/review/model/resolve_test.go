package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSchemas(t *testing.T) {
	tests := []struct {
		name          string
		sql           string
		wantSchemas   []string
		wantRelations []QName
	}{
		{
			name:        "create schema",
			sql:         `CREATE SCHEMA a; CREATE SCHEMA IF NOT EXISTS a; CREATE SCHEMA "B"; CREATE SCHEMA AUTHORIZATION bob`,
			wantSchemas: []string{"B", "a", "bob", "public"},
		},
		{
			name: "elements are created in the new schema",
			sql: `CREATE SCHEMA s CREATE TABLE t (a int) CREATE VIEW v AS SELECT 1 AS one CREATE INDEX ON t (a);
				CREATE TABLE t (b int)`,
			wantSchemas:   []string{"public", "s"},
			wantRelations: []QName{pub("t"), {"s", "t"}, {"s", "v"}},
		},
		{
			name: "drop schema drops its content and foreign keys into it",
			sql: `CREATE SCHEMA s; CREATE TABLE s.t (id int PRIMARY KEY); CREATE TYPE s.e AS ENUM ('x');
				CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'select 1';
				CREATE TABLE u (t_id int REFERENCES s.t); DROP SCHEMA s CASCADE; DROP SCHEMA IF EXISTS nope`,
			wantSchemas:   []string{"public"},
			wantRelations: []QName{pub("u")},
		},
		{
			name:          "objects in a schema never created still count",
			sql:           `CREATE TABLE ext.t (a int); ALTER SCHEMA ext RENAME TO ext2; DROP SCHEMA public`,
			wantSchemas:   []string{"ext2"},
			wantRelations: []QName{{"ext2", "t"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, tt.sql)
			if diff := cmp.Diff(tt.wantSchemas, s.Schemas(), cmpOpts); diff != "" {
				t.Errorf("schemas (-want +got):\n%s", diff)
			}
			var got []QName
			for _, r := range s.Relations() {
				got = append(got, r.Name)
			}
			if diff := cmp.Diff(tt.wantRelations, got, cmpOpts); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
			if s.Relation(pub("u")) != nil && len(s.Relation(pub("u")).Constraints) != 0 {
				t.Errorf("foreign key into a dropped schema kept: %+v", s.Relation(pub("u")).Constraints)
			}
		})
	}
}

func TestSearchPath(t *testing.T) {
	tests := []struct {
		name     string
		sql      string
		wantPath []string
		// wantTable is where "CREATE TABLE t" went after sql.
		wantTable QName
	}{
		{"default", ``, []string{"$user", "public"}, pub("t")},
		{"set", `CREATE SCHEMA app; SET search_path TO app, public`, []string{"app", "public"}, QName{"app", "t"}},
		{"set local outside a block does nothing", `CREATE SCHEMA app; SET LOCAL search_path = app`, []string{"$user", "public"}, pub("t")},
		{"set local lasts for its block", `CREATE SCHEMA app; BEGIN; SET LOCAL search_path = app`, []string{"app"}, QName{"app", "t"}},
		{"set local ends at commit", `CREATE SCHEMA app; BEGIN; SET LOCAL search_path = app; COMMIT`, []string{"$user", "public"}, pub("t")},
		{"set in a block survives commit", `CREATE SCHEMA app; BEGIN; SET search_path = app; COMMIT`, []string{"app"}, QName{"app", "t"}},
		{"set in a block is undone by rollback", `CREATE SCHEMA app; BEGIN; SET search_path = app; ROLLBACK`, []string{"$user", "public"}, pub("t")},
		{"local then other setting then commit", `CREATE SCHEMA app; BEGIN; SET LOCAL search_path = app; SET lock_timeout = '1s'; COMMIT`, []string{"$user", "public"}, pub("t")},
		{"set_config local in a block", `CREATE SCHEMA app; BEGIN; SELECT set_config('search_path', 'app', true); COMMIT`, []string{"$user", "public"}, pub("t")},
		{"missing schemas are skipped", `CREATE SCHEMA app; SET search_path = "$user", nope, app`, []string{"$user", "nope", "app"}, QName{"app", "t"}},
		{"nothing exists: public", `SET search_path = nope`, []string{"nope"}, pub("t")},
		{"quoted names keep their case", `CREATE SCHEMA "App"; SET search_path = "App"`, []string{"App"}, QName{"App", "t"}},
		{"a string is one name", `CREATE SCHEMA "a, b"; SET search_path = 'a, b'`, []string{"a, b"}, QName{"a, b", "t"}},
		{"reset", `CREATE SCHEMA app; SET search_path = app; RESET search_path`, []string{"$user", "public"}, pub("t")},
		{"set default", `CREATE SCHEMA app; SET search_path = app; SET search_path TO DEFAULT`, []string{"$user", "public"}, pub("t")},
		{"reset all", `CREATE SCHEMA app; SET search_path = app; RESET ALL`, []string{"$user", "public"}, pub("t")},
		{"discard all", `CREATE SCHEMA app; SET search_path = app; DISCARD ALL`, []string{"$user", "public"}, pub("t")},
		{"discard all goes to the database default", `CREATE SCHEMA app; ALTER DATABASE db SET search_path = app; SET search_path = public; DISCARD ALL`,
			[]string{"app"}, QName{"app", "t"}},
		{"discard plans keeps the path", `CREATE SCHEMA app; SET search_path = app; DISCARD PLANS; DISCARD SEQUENCES; DISCARD TEMP`, []string{"app"}, QName{"app", "t"}},
		{"other settings", `CREATE SCHEMA app; SET search_path = app; SET lock_timeout = '1s'; RESET statement_timeout`, []string{"app"}, QName{"app", "t"}},
		{"set_config", `CREATE SCHEMA app; SELECT pg_catalog.set_config('search_path', 'App ,  "x y", public', false)`, []string{"app", "x y", "public"}, QName{"app", "t"}},
		{"set_config empty (pg_dump)", `SELECT set_config('search_path', '', false)`, nil, pub("t")},
		{"set_config malformed", `SELECT set_config('search_path', '"app', false)`, []string{"$user", "public"}, pub("t")},
		{"alter database changes later sessions only", `CREATE SCHEMA app; ALTER DATABASE db SET search_path = app, public`,
			[]string{"$user", "public"}, pub("t")},
		{"reset goes to the database default", `CREATE SCHEMA app; ALTER DATABASE db SET search_path = app; SET search_path = public; RESET search_path`,
			[]string{"app"}, QName{"app", "t"}},
		{"alter database reset", `CREATE SCHEMA app; ALTER DATABASE db SET search_path = app; ALTER DATABASE db RESET search_path; RESET search_path`,
			[]string{"$user", "public"}, pub("t")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, tt.sql)
			if diff := cmp.Diff(tt.wantPath, s.SearchPath(), cmpOpts); diff != "" {
				t.Errorf("search_path (-want +got):\n%s", diff)
			}
			replay(t, s, "CREATE TABLE t (a int)")
			if s.Relation(tt.wantTable) == nil {
				t.Errorf("CREATE TABLE t did not create %v; relations: %v", tt.wantTable, s.Relations())
			}
		})
	}
}

func TestResolve(t *testing.T) {
	s := build(t, `CREATE SCHEMA app; CREATE TABLE public.payslip (a int); CREATE TABLE "Orders" (a int);
		CREATE TABLE app.orders (a int); CREATE TABLE app.payslip (a int); CREATE INDEX idx ON app.orders (a)`)
	tests := []struct {
		name         string
		sql          string // replayed before resolving
		schema, want string
		rel          string
		wantQ        QName
	}{
		{name: "qualified", schema: "app", rel: "payslip", wantQ: QName{"app", "payslip"}},
		{name: "qualified unknown", schema: "nope", rel: "t", wantQ: QName{"nope", "t"}},
		{name: "unqualified through the path", rel: "payslip", wantQ: pub("payslip")},
		{name: "quoted differs from unquoted", rel: "orders", wantQ: pub("orders")},
		{name: "quoted", rel: "Orders", wantQ: pub("Orders")},
		{name: "first schema holding it", sql: `SET search_path = app, public`, rel: "payslip", wantQ: QName{"app", "payslip"}},
		{name: "later schema holding it", sql: `SET search_path = app, public`, rel: "Orders", wantQ: pub("Orders")},
		{name: "unknown goes to the creation schema", sql: `SET search_path = nope, app, public`, rel: "x", wantQ: QName{"app", "x"}},
		{name: "indexes are relations", sql: `SET search_path = public, app`, rel: "idx", wantQ: QName{"app", "idx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := s.Clone()
			replay(t, c, tt.sql+";")
			if got := c.Resolve(tt.schema, tt.rel); got != tt.wantQ {
				t.Errorf("Resolve(%q, %q) = %v, want %v", tt.schema, tt.rel, got, tt.wantQ)
			}
		})
	}
	// The parser folds unquoted names: public.Payslip is public.payslip.
	c := replay(t, s.Clone(), `ALTER TABLE public.Payslip ADD COLUMN b int; ALTER TABLE public."payslip" ADD COLUMN c int`)
	if got := len(c.Relation(pub("payslip")).Columns); got != 3 {
		t.Errorf("public.Payslip and public.\"payslip\" are not public.payslip: %d columns", got)
	}
	if c.Relation(pub("Payslip")) != nil {
		t.Error("public.Payslip created a table with an upper-case name")
	}
}

func TestResolveTypesAndFunctions(t *testing.T) {
	s := build(t, `CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('ok'); CREATE DOMAIN posint AS int;
		CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'select 1';
		SET search_path = app, public; CREATE TABLE t (m mood, p posint)`)
	if got := s.ResolveType("", "mood"); got != (QName{"app", "mood"}) {
		t.Errorf("ResolveType(mood) = %v", got)
	}
	if got := s.ResolveFunction("", "f"); got != (QName{"app", "f"}) {
		t.Errorf("ResolveFunction(f) = %v", got)
	}
	want := []*Column{col("m", "app.mood"), col("p", "public.posint")}
	if diff := cmp.Diff(want, s.Relation(QName{"app", "t"}).Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
}

func TestDatabaseSearchPathOutlivesSessions(t *testing.T) {
	s := build(t, `CREATE SCHEMA app; ALTER DATABASE db SET search_path TO app, public; ALTER DATABASE db SET work_mem = '1MB'`)
	s.EndSession()
	if diff := cmp.Diff([]string{"app", "public"}, s.SearchPath()); diff != "" {
		t.Errorf("search_path of the next session (-want +got):\n%s", diff)
	}
	if c := s.Clone(); !cmp.Equal(c.SearchPath(), s.SearchPath()) || !cmp.Equal(c.defaultPath, s.defaultPath) {
		t.Error("Clone lost the search_path")
	}
}
