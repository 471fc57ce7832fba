package apply

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/source"
)

// TestApplyRecordsSchemaSnapshot: after an apply the last history row links
// the schema as it is now (without dbcd's own schema), the baseline drift
// detection compares with; identical schemas share one stored snapshot.
func TestApplyRecordsSchemaSnapshot(t *testing.T) {
	db := pgtest.New(t)
	f1 := mkfile(t, "app", "1", "ddl", "CREATE TABLE employee (id int PRIMARY KEY);\n")
	if _, err := Run(context.Background(), opts(db, f1)); err != nil {
		t.Fatal(err)
	}
	rs := rows(t, db)
	if len(rs) != 1 || rs[0].Snapshot == "" {
		t.Fatalf("rows = %+v", rs)
	}
	conn := db.Conn(t)
	table, _ := history.ParseTable("")
	dump, err := history.Snapshot(context.Background(), conn, table, rs[0].Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, "CREATE TABLE public.employee") || strings.Contains(dump, "migration_history") {
		t.Errorf("snapshot:\n%s", dump)
	}
	f2 := mkfile(t, "app", "2", "ddl", "ALTER TABLE employee ADD COLUMN city text;\n")
	if _, err := Run(context.Background(), opts(db, f1, f2)); err != nil {
		t.Fatal(err)
	}
	rs = rows(t, db)
	if len(rs) != 2 || rs[1].Snapshot == "" || rs[1].Snapshot == rs[0].Snapshot {
		t.Fatalf("second snapshot: %+v", rs)
	}
}

// TestApplySnapshotsEachFile: in a short run every applied file's row gets
// the schema right after it; a file that leaves the schema as it was links
// the same stored snapshot. A failed transactional file gets none, and the
// files before it keep theirs.
func TestApplySnapshotsEachFile(t *testing.T) {
	db := pgtest.New(t)
	files := []*source.File{
		mkfile(t, "app", "1", "ddl", "CREATE TABLE employee (id int PRIMARY KEY);\n"),
		mkfile(t, "app", "2", "dml", "INSERT INTO employee VALUES (1);\n"),
		mkfile(t, "app", "3", "ddl", "ALTER TABLE employee ADD COLUMN city text;\n"),
		mkfile(t, "app", "4", "ddl", "ALTER TABLE employee ADD COLUMN city text;\n"),
	}
	_, _ = Run(context.Background(), opts(db, files...))
	rs := rows(t, db)
	if len(rs) != 4 || rs[3].Status != history.StatusRolledBack {
		t.Fatalf("rows = %+v", rs)
	}
	snaps := []string{rs[0].Snapshot, rs[1].Snapshot, rs[2].Snapshot, rs[3].Snapshot}
	if snaps[0] == "" || snaps[1] != snaps[0] || snaps[2] == "" || snaps[2] == snaps[0] || snaps[3] != "" {
		t.Errorf("snapshots = %.8v", snaps)
	}
	if n := pgtest.QueryValue[int64](t, db, "SELECT count(*) FROM dbcd.migration_history_snapshot"); n != 2 {
		t.Errorf("stored snapshots = %d, want 2", n)
	}
	conn := db.Conn(t)
	table, _ := history.ParseTable("")
	after, _ := history.Snapshot(context.Background(), conn, table, snaps[2])
	if !strings.Contains(after, "city text") {
		t.Errorf("snapshot after version 3:\n%s", after)
	}
}

// TestApplyLongRunSnapshotsItsLastFile: a run of more than
// maxFileSnapshots files records the schema after its last file only, or
// after the last file applied when a transactional file fails.
func TestApplyLongRunSnapshotsItsLastFile(t *testing.T) {
	db := pgtest.New(t)
	var files []*source.File
	for i := range maxFileSnapshots + 2 {
		sql := fmt.Sprintf("CREATE TABLE t%d (id int);\n", i)
		if i == maxFileSnapshots+1 {
			sql = "CREATE TABLE t0 (id int);\n" // fails: already there
		}
		files = append(files, mkfile(t, "app", strconv.Itoa(i+1), "ddl", sql))
	}
	_, _ = Run(context.Background(), opts(db, files...))
	rs := rows(t, db)
	if len(rs) != len(files) {
		t.Fatalf("%d rows", len(rs))
	}
	for i, r := range rs {
		want := i == len(files)-2 // the last file applied
		if (r.Snapshot != "") != want {
			t.Errorf("row %d (%s): snapshot %q", i, r.Status, r.Snapshot)
		}
	}
}

// BenchmarkApply10FilesSnapshots applies a typical deploy, 10 small files,
// to an empty database: the case where apply records a schema snapshot
// after every file.
func BenchmarkApply10FilesSnapshots(b *testing.B) {
	var files []*source.File
	for i := range 10 {
		sql := fmt.Sprintf("CREATE TABLE s%d (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX s%d_name ON s%d (name);\n", i, i, i)
		files = append(files, mkfile(b, "app", strconv.Itoa(i+1), "ddl", sql))
	}
	for b.Loop() {
		b.StopTimer()
		db := pgtest.New(b)
		o := opts(db, files...)
		b.StartTimer()
		if _, err := Run(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N*len(files)), "ms/file")
}
