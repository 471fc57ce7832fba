package model

import (
	"os"
	"testing"

	"github.com/dbcd/dbcd/internal/sqlparse"
	"github.com/google/go-cmp/cmp"
)

func TestLoadSQL(t *testing.T) {
	src, err := os.ReadFile("testdata/latest.sql")
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSQL("latest.sql", src)
	if err != nil {
		t.Fatalf("LoadSQL: %v", err)
	}
	if diff := cmp.Diff([]string{"$user", "public"}, s.SearchPath()); diff != "" {
		t.Errorf("the dump's search_path outlived it (-want +got):\n%s", diff)
	}
	employee := &Relation{
		Name: pub("employee"), Kind: KindTable,
		Columns: []*Column{
			withDefault(notNull(col("id", "integer")), "nextval('public.employee_id_seq'::regclass)"),
			notNull(col("name", "public.citext")),
			withDefault(col("mood", "public.mood"), "'ok'::public.mood"),
			withDefault(notNull(col("created_at", "timestamp with time zone")), "now()"),
			col("manager_id", "integer"),
		},
		Indexes: []*Index{pkIndex("employee", "id"), btree("employee_lower_idx", "employee", "lower(name::text)")},
		Constraints: []*Constraint{
			keyCon(ConPrimary, "employee_pkey", "id"),
			{Name: "employee_manager_id_fkey", Type: ConForeign, Columns: []string{"manager_id"}, RefTable: pubp("employee"),
				RefColumns: []string{"id"}, OnDelete: "no action", OnUpdate: "no action", NotValid: true},
		},
	}
	if diff := cmp.Diff(employee, s.Relation(pub("employee")), cmpOpts); diff != "" {
		t.Errorf("employee (-want +got):\n%s", diff)
	}
	events := QName{"app", "events"}
	part := s.Relation(QName{"app", "events_2024"})
	if part == nil || part.PartitionOf == nil || *part.PartitionOf != events {
		t.Errorf("events_2024 is not a partition of app.events: %+v", part)
	}
	if idx := s.Index(QName{"app", "events_at_idx"}); idx == nil || !idx.Valid {
		t.Errorf("events_at_idx = %+v, want a valid index once its partition index is attached", idx)
	}
	if got := s.Relation(events).Kind; got != KindPartitioned {
		t.Errorf("app.events kind = %q", got)
	}
	if got := s.Enum(pub("mood")); got == nil || len(got.Values) != 3 {
		t.Errorf("mood = %+v", got)
	}
	if got := s.Function(pub("touch")); len(got) != 1 || got[0].Returns != "trigger" {
		t.Errorf("touch = %+v", got)
	}
	if got := s.Relation(pub("employee_id_seq")); got == nil || got.Kind != KindSequence {
		t.Errorf("employee_id_seq = %+v", got)
	}
}

func TestLoadSQLError(t *testing.T) {
	if s, err := LoadSQL("bad.sql", []byte("CREATE TABLE (")); err == nil || s != nil {
		t.Errorf("LoadSQL of a syntax error = %v, %v; want nil and an error", s, err)
	}
}

func TestApplyFile(t *testing.T) {
	f, err := sqlparse.Parse("1.sql", []byte(`CREATE SCHEMA app; SET search_path = app; CREATE TABLE t (a int);
		CREATE TEMP TABLE scratch (b int)`))
	if err != nil {
		t.Fatal(err)
	}
	s := New()
	s.ApplyFile(f)
	s.ApplyFile(nil)
	if s.Relation(QName{"app", "t"}) == nil {
		t.Error("app.t missing")
	}
	if diff := cmp.Diff([]string{"$user", "public"}, s.SearchPath()); diff != "" {
		t.Errorf("search_path after the file (-want +got):\n%s", diff)
	}
	if got := s.Resolve("", "scratch"); got != pub("scratch") || s.Relation(QName{"pg_temp", "scratch"}) != nil {
		t.Errorf("temporary table outlived the file: %v", got)
	}
	s.Apply(nil)
	s.Apply(&sqlparse.Statement{})
}

func TestClone(t *testing.T) {
	s := build(t, `CREATE SCHEMA app; CREATE TYPE mood AS ENUM ('a'); CREATE DOMAIN d AS int CHECK (VALUE > 0);
		CREATE TYPE pair AS (l int); CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 1';
		CREATE TABLE p (id int PRIMARY KEY) PARTITION BY HASH (id);
		CREATE TABLE p0 PARTITION OF p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
		CREATE TABLE c (p_id int REFERENCES p, m mood); SET search_path = app, public`)
	before := names(s)
	c := s.Clone()
	if diff := cmp.Diff(s.Relations(), c.Relations()); diff != "" {
		t.Fatalf("clone differs (-orig +clone):\n%s", diff)
	}
	replay(t, c, `ALTER TABLE p RENAME TO p2; ALTER TABLE c ADD COLUMN x int; ALTER TYPE mood ADD VALUE 'b';
		ALTER DOMAIN d ADD CHECK (VALUE < 9); ALTER TYPE pair RENAME ATTRIBUTE l TO m; ALTER FUNCTION f(int) STABLE;
		CREATE INDEX ON c (x); ALTER INDEX p_pkey RENAME TO p_pk; DROP SCHEMA app; RESET search_path`)
	if diff := cmp.Diff(before, names(s)); diff != "" {
		t.Errorf("changing the clone changed the original (-before +after):\n%s", diff)
	}
	if got := *s.Relation(pub("c")).Constraints[0].RefTable; got != pub("p") {
		t.Errorf("original foreign key now references %v", got)
	}
	if *s.Relation(pub("p0")).PartitionOf != pub("p") || len(s.Relation(pub("c")).Columns) != 2 ||
		len(s.Enum(pub("mood")).Values) != 1 || len(s.Domain(pub("d")).Checks) != 1 ||
		s.Composite(pub("pair")).Attributes[0].Name != "l" || s.Function(pub("f"))[0].Volatility != Volatile ||
		s.Index(pub("p_pkey")) == nil || !s.HasSchema("app") || s.SearchPath()[0] != "app" {
		t.Error("changing the clone changed the original")
	}
}

func TestApplyRecovers(t *testing.T) {
	// A statement node of an unexpected shape must not stop a review.
	s := New()
	s.Apply(&sqlparse.Statement{Node: &sqlparse.Node{}})
	if len(s.Relations()) != 0 {
		t.Error("an empty node created relations")
	}
}
