package history

import (
	"context"
	"testing"

	"github.com/dbcd/dbcd/internal/pgtest"
)

// TestSnapshotModels: a snapshot's model is stored with it and read back;
// storing the same content again fills in a missing model or replaces
// another, and never clears one; a snapshot stored without one, an
// unknown snapshot and a snapshot table of layout 2 (no model column, as
// a read-only run finds it before any newer dbcd upgraded it) give none.
// The upgrade from layout 2 adds the column, leaving older rows NULL.
func TestSnapshotModels(t *testing.T) {
	db := pgtest.New(t)
	conn := db.Conn(t)
	ctx := context.Background()
	tbl, _ := ParseTable("")
	if err := Ensure(ctx, conn, tbl); err != nil {
		t.Fatal(err)
	}
	model := func(sha string) string {
		t.Helper()
		m, err := SnapshotModel(ctx, conn, tbl, sha)
		if err != nil {
			t.Fatal(err)
		}
		if m == nil {
			return "<nil>"
		}
		return string(m)
	}
	put := func(content string, m []byte) string {
		t.Helper()
		sum, err := PutSnapshot(ctx, conn, tbl, content, m)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	a := put("CREATE TABLE a ();", []byte("model a"))
	if got := model(a); got != "model a" {
		t.Errorf("stored model = %q", got)
	}
	put("CREATE TABLE a ();", nil)
	if got := model(a); got != "model a" {
		t.Errorf("after storing without a model: %q", got)
	}
	put("CREATE TABLE a ();", []byte("model a, another dbcd"))
	if got := model(a); got != "model a, another dbcd" {
		t.Errorf("after storing another model: %q", got)
	}
	b := put("CREATE TABLE b ();", nil)
	if got := model(b); got != "<nil>" {
		t.Errorf("snapshot without a model: %q", got)
	}
	put("CREATE TABLE b ();", []byte("model b"))
	if got := model(b); got != "model b" {
		t.Errorf("model filled in later: %q", got)
	}
	if got := model(SnapshotSHA("nothing")); got != "<nil>" {
		t.Errorf("unknown snapshot: %q", got)
	}
	r := &Row{DB: "app", Version: "1", Type: "ddl", Path: "p.sql", Checksum: "c", Status: StatusDone}
	if err := InsertFinished(ctx, conn, tbl, r); err != nil {
		t.Fatal(err)
	}
	rs, _ := Rows(ctx, conn, tbl)
	acc, err := Accept(ctx, conn, tbl, rs[0].ID, "CREATE TABLE c ();", []byte("model c"), "alice", "hotfix")
	if err != nil || model(acc) != "model c" {
		t.Errorf("accepted schema's model: %q, %v", model(acc), err)
	}

	db.Exec(t, `ALTER TABLE dbcd.migration_history_snapshot DROP COLUMN model;
COMMENT ON TABLE dbcd.migration_history IS 'dbcd history layout 2'`)
	if got := model(a); got != "<nil>" {
		t.Errorf("layout 2: %q", got)
	}
	if err := Ensure(ctx, conn, tbl); err != nil {
		t.Fatal(err)
	}
	if got := model(a); got != "<nil>" {
		t.Errorf("upgraded from layout 2: %q", got)
	}
	put("CREATE TABLE a ();", []byte("model a"))
	if got := model(a); got != "model a" {
		t.Errorf("after the upgrade: %q", got)
	}
	if got := model(SnapshotSHA("x")); got != "<nil>" {
		t.Errorf("unknown: %q", got)
	}
	if m, err := SnapshotModel(ctx, conn, Table{"nowhere", "hist"}, a); m != nil || err != nil {
		t.Errorf("no history table: %q, %v", m, err)
	}
}

// TestPutLinkSnapshot: one batch stores a snapshot once and links it to
// the done row of a file; a file without a done row is an error, the
// snapshot left stored unlinked, as PutSnapshot then LinkSnapshot leave it.
func TestPutLinkSnapshot(t *testing.T) {
	db := pgtest.New(t)
	conn := db.Conn(t)
	ctx := context.Background()
	tbl, _ := ParseTable("")
	if err := Ensure(ctx, conn, tbl); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"1", "2"} {
		r := &Row{DB: "app", Version: v, Type: "ddl", Path: v + ".sql", Checksum: "c", Statements: "x", Status: StatusDone}
		if err := InsertFinished(ctx, conn, tbl, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []string{"1", "2"} {
		sum, err := PutLinkSnapshot(ctx, conn, tbl, Key{"app", v, "ddl"}, "CREATE TABLE a ();", []byte("m"))
		if err != nil || sum != SnapshotSHA("CREATE TABLE a ();") {
			t.Fatalf("PutLinkSnapshot = %q, %v", sum, err)
		}
	}
	if n := pgtest.QueryValue[int64](t, db, "SELECT count(*) FROM dbcd.migration_history WHERE snapshot_sha256 IS NOT NULL"); n != 2 {
		t.Errorf("linked rows = %d, want 2", n)
	}
	if _, err := PutLinkSnapshot(ctx, conn, tbl, Key{"app", "3", "ddl"}, "CREATE TABLE b ();", nil); err == nil {
		t.Error("linking to a file without a done row succeeded")
	}
	if n := pgtest.QueryValue[int64](t, db, "SELECT count(*) FROM dbcd.migration_history_snapshot"); n != 2 {
		t.Errorf("snapshots stored = %d, want 2", n)
	}
}
