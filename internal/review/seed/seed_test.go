package seed

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/review/model"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestLoadFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".app##LATEST.sql")
	if err := os.WriteFile(p, []byte("CREATE TABLE public.employee (id int PRIMARY KEY, name text NOT NULL);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Relation(model.QName{Schema: "public", Name: "employee"})
	if r == nil || r.Column("name") == nil || !r.Column("name").NotNull {
		t.Fatalf("relation = %+v", r)
	}
	if _, err := Load(context.Background(), filepath.Join(t.TempDir(), "missing.sql")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestLoadLive(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, `CREATE TABLE employee (id int PRIMARY KEY, nick text);
		CREATE INDEX employee_nick_idx ON employee (nick);
		CREATE TYPE mood AS ENUM ('ok', 'sad');`)
	s, err := Load(context.Background(), db.URL())
	if err != nil {
		t.Fatal(err)
	}
	r := s.Relation(model.QName{Schema: "public", Name: "employee"})
	if r == nil || r.Column("nick") == nil || r.Column("nick").NotNull || !r.Column("id").NotNull {
		t.Fatalf("relation = %+v", r)
	}
	if len(r.Indexes) < 2 {
		t.Errorf("indexes = %+v", r.Indexes)
	}
	if e := s.Enum(model.QName{Schema: "public", Name: "mood"}); e == nil || len(e.Values) != 2 {
		t.Errorf("enum = %+v", e)
	}
}

func TestLoadLiveErrorHidesPassword(t *testing.T) {
	db := pgtest.New(t)
	bad := strings.Replace(db.URL(), db.Cluster().Password(), "wrong-"+db.Cluster().Password(), 1)
	_, err := Load(context.Background(), bad)
	if err == nil {
		t.Fatal("wrong password accepted")
	}
	if strings.Contains(err.Error(), db.Cluster().Password()) {
		t.Errorf("error leaks the password: %v", err)
	}
}
