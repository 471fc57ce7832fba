package drift

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/source"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func migrate(t *testing.T, db *pgtest.DB, files ...*source.File) {
	t.Helper()
	_, err := apply.Run(context.Background(), apply.Options{
		Stage: "prod", Targets: []apply.Target{{Stage: "prod", Name: "t1", DB: "app", URL: db.URL()}},
		Files: files, LockTimeout: 5 * time.Second, LockWait: time.Minute, OutOfOrder: apply.OutOfOrderWarn,
	})
	if err != nil {
		t.Fatal(err)
	}
}

func file(version, sql string) *source.File {
	v, _ := source.ParseVersion(version)
	return &source.File{Path: "bytebase/prod/app##" + version + "##ddl##x.sql", DB: "app", Version: v,
		Type: source.TypeDDL, Content: []byte(sql), Checksum: source.Checksum([]byte(sql))}
}

func TestDriftAgainstHistory(t *testing.T) {
	db := pgtest.New(t)
	f := file("1", "CREATE TABLE employee (id int PRIMARY KEY, name text NOT NULL);\nCREATE INDEX employee_name_idx ON employee (name);\n")
	migrate(t, db, f)
	files := map[string]string{f.Path: f.Checksum}

	res, err := Check(context.Background(), Options{Name: "t1", URL: db.URL(), Files: files})
	if err != nil {
		t.Fatal(err)
	}
	if res.Baseline != AgainstHistory || res.Drifted() {
		t.Fatalf("fresh apply: baseline %s, diff %+v, issues %v", res.Baseline, res.Diff, res.Issues)
	}

	db.Exec(t, `ALTER TABLE employee ADD COLUMN city text NOT NULL DEFAULT ''; DROP INDEX employee_name_idx; CREATE TABLE tmp_x (a int)`)
	res, err = Check(context.Background(), Options{Name: "t1", URL: db.URL(), Files: files, Ignore: []string{"public.tmp_*"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Diff.Changes {
		got = append(got, c.Summary())
	}
	all := strings.Join(got, "\n")
	if !res.Drifted() || !strings.Contains(all, "public.employee.city") || !strings.Contains(all, "employee_name_idx") || strings.Contains(all, "tmp_x") {
		t.Errorf("changes:\n%s", all)
	}
}

func TestDriftAgainstRepoAndHistoryIssues(t *testing.T) {
	db := pgtest.New(t)
	f := file("1", "CREATE TABLE employee (id int PRIMARY KEY);\n")
	migrate(t, db, f)
	latest := []byte("CREATE TABLE public.employee (id integer NOT NULL, nick text);\nALTER TABLE public.employee ADD CONSTRAINT employee_pkey PRIMARY KEY (id);\n")
	res, err := Check(context.Background(), Options{Name: "t1", URL: db.URL(), Against: AgainstRepo, Latest: latest,
		Files: map[string]string{f.Path: "0000changed"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Baseline != AgainstRepo || len(res.Diff.Changes) != 1 || res.Diff.Changes[0].Name != "public.employee.nick" {
		t.Errorf("diff = %+v", res.Diff)
	}
	if len(res.Issues) != 1 || !strings.Contains(res.Issues[0], "changed since it was applied") {
		t.Errorf("issues = %v", res.Issues)
	}
	res, err = Check(context.Background(), Options{Name: "t1", URL: db.URL(), Files: map[string]string{}})
	if err != nil || len(res.Issues) != 1 || !strings.Contains(res.Issues[0], "no longer in the repository") {
		t.Errorf("vanished file: %v, %v", res, err)
	}
}

func TestNoBaseline(t *testing.T) {
	db := pgtest.New(t)
	res, err := Check(context.Background(), Options{Name: "t1", URL: db.URL()})
	if err != nil || res.Baseline != "none" || res.Drifted() {
		t.Errorf("res = %+v, err = %v", res, err)
	}
}

func TestAcceptRebaselines(t *testing.T) {
	db := pgtest.New(t)
	migrate(t, db, file("1", "CREATE TABLE employee (id int PRIMARY KEY);\n"))
	db.Exec(t, `ALTER TABLE employee ADD COLUMN city text`)
	res, err := Check(context.Background(), Options{Name: "t1", URL: db.URL()})
	if err != nil || !res.Drifted() {
		t.Fatalf("before accept: %+v %v", res, err)
	}
	if _, err := Accept(context.Background(), db.URL(), "", "alice", "hotfix OPS-7"); err != nil {
		t.Fatal(err)
	}
	res, err = Check(context.Background(), Options{Name: "t1", URL: db.URL()})
	if err != nil || res.Drifted() {
		t.Fatalf("after accept: %+v %v", res, err)
	}
	if got := pgtest.QueryValue[string](t, db, "SELECT accepted_by || ': ' || accepted_reason FROM dbcd.migration_history"); got != "alice: hotfix OPS-7" {
		t.Errorf("accepted = %q", got)
	}
	empty := pgtest.New(t)
	if _, err := Accept(context.Background(), empty.URL(), "", "alice", "x"); !errors.Is(err, ErrNothingApplied) {
		t.Errorf("accept without history: %v", err)
	}
}
