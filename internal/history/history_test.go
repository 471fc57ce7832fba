package history

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestParseTable(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Table
		err  string
	}{
		{"", Table{"dbcd", "migration_history"}, ""},
		{"dbcd.migration_history", Table{"dbcd", "migration_history"}, ""},
		{"Ops.History", Table{"ops", "history"}, ""},
		{`"My.Schema"."Hist""ory"`, Table{"My.Schema", `Hist"ory`}, ""},
		{"history", Table{"public", "history"}, ""},
		{"a.b.c", Table{}, "use schema.table"},
		{`"open`, Table{}, "unterminated"},
		{"a..b", Table{}, "empty identifier"},
		{"a b.c", Table{}, "needs double quotes"},
	} {
		got, err := ParseTable(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseTable(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseTable(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
	if got := (Table{"My.Schema", `Hist"ory`}).Quoted(); got != `"My.Schema"."Hist""ory"` {
		t.Errorf("Quoted = %s", got)
	}
}

func TestEnsureCreatesUpgradesAndRefuses(t *testing.T) {
	db := pgtest.New(t)
	conn := db.Conn(t)
	ctx := context.Background()
	tbl := Table{"Ops Schema", "hist"}
	for range 2 {
		if err := Ensure(ctx, conn, tbl); err != nil {
			t.Fatal(err)
		}
	}
	comment := func() string {
		return pgtest.QueryValue[string](t, db, `SELECT obj_description('"Ops Schema".hist'::regclass, 'pg_class')`)
	}
	if got, want := comment(), fmt.Sprintf("dbcd history layout %d", Layout()); got != want {
		t.Errorf("layout comment = %q, want %q", got, want)
	}
	// A newer dbcd adds a column: the table is upgraded in place.
	saved := upgrades
	upgrades = append(slices.Clone(saved), "ALTER TABLE %[1]s ADD COLUMN plan_hash text NOT NULL DEFAULT ''")
	defer func() { upgrades = saved }()
	if err := Ensure(ctx, conn, tbl); err != nil {
		t.Fatal(err)
	}
	if got, want := comment(), fmt.Sprintf("dbcd history layout %d", Layout()); got != want {
		t.Errorf("layout comment after upgrade = %q, want %q", got, want)
	}
	if !pgtest.QueryValue[bool](t, db, `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'hist' AND column_name = 'plan_hash')`) {
		t.Error("upgrade did not add the column")
	}
	// An older dbcd refuses the newer layout.
	upgrades = saved
	if err := Ensure(ctx, conn, tbl); err == nil || !strings.Contains(err.Error(), "newer than this dbcd understands") {
		t.Errorf("older dbcd on newer layout: %v", err)
	}
	db.Exec(t, "CREATE TABLE public.foreign_table (id int)")
	if err := Ensure(ctx, conn, Table{"public", "foreign_table"}); err == nil || !strings.Contains(err.Error(), "not a dbcd history table") {
		t.Errorf("foreign table: %v", err)
	}
}

func TestRecordResolveAndSnapshots(t *testing.T) {
	db := pgtest.New(t)
	conn := db.Conn(t)
	ctx := context.Background()
	tbl, _ := ParseTable("")
	if rs, err := Rows(ctx, conn, tbl); err != nil || rs != nil {
		t.Fatalf("rows of a missing table = %v, %v", rs, err)
	}
	if err := Ensure(ctx, conn, tbl); err != nil {
		t.Fatal(err)
	}
	r := &Row{DB: "app", Version: "1", Type: "ddl", Path: "p.sql", Checksum: "c", Statements: "x", NoTransaction: true,
		StatementsTotal: 2, Provenance: Provenance{AppliedBy: "me", Commit: "abc", DBCDVersion: "v1"}}
	id, err := Start(ctx, conn, tbl, r)
	if err != nil {
		t.Fatal(err)
	}
	if err := Progress(ctx, conn, tbl, id, []string{StatementHash("a")}); err != nil {
		t.Fatal(err)
	}
	if err := Finish(ctx, conn, tbl, id, StatusFailed, "boom"); err != nil {
		t.Fatal(err)
	}
	// A second live row for the same file is refused by the table itself.
	if _, err := Start(ctx, conn, tbl, &Row{DB: "app", Version: "1", Type: "ddl", Path: "p.sql", Checksum: "c"}); err == nil {
		t.Error("a second live row of one file was accepted")
	}
	got, err := Resolve(ctx, conn, tbl, "app", "1", StatusDone, "dba", "fixed by hand")
	if err != nil {
		t.Fatal(err)
	}
	want := Row{ID: id, DB: "app", Version: "1", Type: "ddl", Path: "p.sql", Checksum: "c", Statements: "x",
		NoTransaction: true, StatementsTotal: 2, StatementsApplied: 1, StatementHashes: []string{StatementHash("a")},
		Status: StatusDone, Provenance: r.Provenance, Error: "boom", ResolvedBy: "dba", ResolvedReason: "fixed by hand"}
	opt := cmp.FilterPath(func(p cmp.Path) bool {
		n := p.Last().String()
		return n == ".StartedAt" || n == ".FinishedAt" || n == ".Duration" || n == ".ResolvedAt"
	}, cmp.Ignore())
	if diff := cmp.Diff(want, *got, opt); diff != "" {
		t.Errorf("resolved row (-want +got):\n%s", diff)
	}
	if got.ResolvedAt == nil || got.FinishedAt == nil || got.Duration == nil {
		t.Errorf("resolved row lacks times: %+v", got)
	}
	for range 2 {
		if _, err := StoreSnapshot(ctx, conn, tbl, id, "CREATE TABLE a ();", nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := pgtest.QueryValue[int64](t, db, "SELECT count(*) FROM dbcd.migration_history_snapshot"); n != 1 {
		t.Errorf("snapshots stored = %d, want 1", n)
	}
	rs, _ := Rows(ctx, conn, tbl)
	if s, err := Snapshot(ctx, conn, tbl, rs[0].Snapshot); err != nil || s != "CREATE TABLE a ();" {
		t.Errorf("snapshot = %q, %v", s, err)
	}
}
