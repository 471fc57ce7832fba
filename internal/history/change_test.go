package history

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/pgtest"
)

// describeChange writes a Change as "from>to [between] accepted" by version.
func describeChange(c Change) string {
	s := "empty"
	if c.From != nil {
		s = c.From.Version
	}
	s += ">"
	if c.To != nil {
		s += c.To.Version
	} else {
		s += "none"
	}
	var b []string
	for _, r := range c.Between {
		b = append(b, r.Version)
	}
	if len(b) > 0 {
		s += " [" + strings.Join(b, ",") + "]"
	}
	if c.Accepted {
		s += " accepted"
	}
	return s
}

func TestChangesBracketsEachMigration(t *testing.T) {
	row := func(id int64, version string, status Status, snap string) Row {
		return Row{ID: id, Version: version, Type: "ddl", Path: "p" + version, Status: status, Snapshot: snap}
	}
	rows := []Row{
		row(1, "1", StatusDone, ""),   // applied before per-file snapshots
		row(2, "2", StatusDone, "s2"), // the last file of that run
		row(3, "3", StatusRolledBack, ""),
		row(4, "3", StatusDone, "s3"),
		row(5, "4", StatusDone, ""), // inside a long run
		row(6, "5", StatusDone, ""),
		row(7, "6", StatusDone, "s6"),
		row(8, "7", StatusDone, ""), // resolved by hand: no snapshot
		row(9, "8", StatusFailed, ""),
	}
	rows[3].Accepted = "a3" // the before side of version 4
	rows[4].Accepted = "a4" // inside the bracket of version 4
	rows[6].Accepted = "a6" // after the snapshot of version 6
	for _, tc := range []struct {
		version, want, note string
	}{
		{"1", "empty>2 [2]", "includes 2 (ddl)"},
		{"2", "empty>2 [1]", "includes 1 (ddl)"},
		{"3", "2>3", ""},
		{"4", "3>6 [5,6] accepted", "may include changes made outside dbcd"},
		{"5", "4>6 [6]", "includes 6 (ddl)"},
		{"6", "4>6 [5]", "includes 5 (ddl)"},
		{"7", "6>none", "no schema snapshot was recorded after this migration"},
	} {
		cs, err := Changes(rows, tc.version)
		if err != nil || len(cs) != 1 {
			t.Fatalf("Changes(%s) = %v, %v", tc.version, cs, err)
		}
		c := cs[0]
		if got := describeChange(c); got != tc.want {
			t.Errorf("Changes(%s) = %s, want %s", tc.version, got, tc.want)
		}
		if !strings.Contains(c.Note(), tc.note) || (tc.note == "") != c.Exact() {
			t.Errorf("Changes(%s).Note() = %q, want %q (exact %v)", tc.version, c.Note(), tc.note, c.Exact())
		}
	}
	// Version 4's before side is the schema accepted after version 3.
	if cs, _ := Changes(rows, "4"); cs[0].Before != "a3" || cs[0].After != "s6" {
		t.Errorf("version 4: before %s after %s", cs[0].Before, cs[0].After)
	}
	if cs, _ := Changes(rows, "3"); !cs[0].Exact() || cs[0].Before != "s2" || cs[0].After != "s3" || !cs[0].Available() {
		t.Errorf("version 3: %+v", cs[0])
	}
	if _, err := Changes(rows, "8"); !errors.Is(err, ErrNotApplied) || !strings.Contains(err.Error(), "p8 is failed") {
		t.Errorf("failed version: %v", err)
	}
	if _, err := Changes(rows, "99"); !errors.Is(err, ErrNotApplied) {
		t.Errorf("unknown version: %v", err)
	}
	// A version with a ddl and a dml file has two changes.
	both := []Row{row(1, "1", StatusDone, "s1"), {ID: 2, Version: "1", Type: "dml", Status: StatusDone, Snapshot: "s1"}}
	cs, err := Changes(both, "1")
	if err != nil || len(cs) != 2 || describeChange(cs[0]) != "empty>1" || describeChange(cs[1]) != "1>1" {
		t.Errorf("ddl and dml: %v %v", cs, err)
	}
}

func TestSnapshotLinkAcceptAndUpgradeFromLayout1(t *testing.T) {
	db := pgtest.New(t)
	conn := db.Conn(t)
	ctx := context.Background()
	tbl, _ := ParseTable("")
	if err := Ensure(ctx, conn, tbl); err != nil {
		t.Fatal(err)
	}
	r := &Row{DB: "app", Version: "1", Type: "ddl", Path: "p.sql", Checksum: "c", Status: StatusDone}
	if err := InsertFinished(ctx, conn, tbl, r); err != nil {
		t.Fatal(err)
	}
	sum, err := PutSnapshot(ctx, conn, tbl, "CREATE TABLE a ();", nil)
	if err != nil || sum != SnapshotSHA("CREATE TABLE a ();") {
		t.Fatalf("PutSnapshot = %s, %v", sum, err)
	}
	k := Key{DB: "app", Version: "1", Type: "ddl"}
	if err := LinkSnapshot(ctx, conn, tbl, k, sum); err != nil {
		t.Fatal(err)
	}
	if err := LinkSnapshot(ctx, conn, tbl, Key{DB: "app", Version: "2", Type: "ddl"}, sum); err == nil {
		t.Error("linking to a missing row succeeded")
	}
	rs, _ := Rows(ctx, conn, tbl)
	acc, err := Accept(ctx, conn, tbl, rs[0].ID, "CREATE TABLE a (b int);", nil, "alice", "hotfix")
	if err != nil {
		t.Fatal(err)
	}
	rs, _ = Rows(ctx, conn, tbl)
	got := rs[0]
	if got.Snapshot != sum || got.Accepted != acc || got.Expected() != acc || got.AcceptedBy != "alice" ||
		got.AcceptedReason != "hotfix" || got.AcceptedAt == nil || got.ResolvedBy != "" {
		t.Errorf("after accept: %+v", got)
	}

	// Turn the table back into layout 1 with a row accepted the layout-1
	// way (snapshot replaced, reason in the resolve columns), then upgrade.
	db.Exec(t, `ALTER TABLE dbcd.migration_history DROP COLUMN accepted_sha256, DROP COLUMN accepted_by,
  DROP COLUMN accepted_reason, DROP COLUMN accepted_at;
COMMENT ON TABLE dbcd.migration_history IS 'dbcd history layout 1';
UPDATE dbcd.migration_history SET snapshot_sha256 = '`+acc+`', resolved_by = 'bob',
  resolved_reason = 'drift accepted: OPS-1', resolved_at = now()`)
	if err := Ensure(ctx, conn, tbl); err != nil {
		t.Fatal(err)
	}
	rs, _ = Rows(ctx, conn, tbl)
	got = rs[0]
	want := []string{"", acc, "bob", "OPS-1", "", ""}
	if diff := cmp.Diff(want, []string{got.Snapshot, got.Accepted, got.AcceptedBy, got.AcceptedReason, got.ResolvedBy, got.ResolvedReason}); diff != "" || got.AcceptedAt == nil {
		t.Errorf("upgraded row (-want +got):\n%s", diff)
	}
}
