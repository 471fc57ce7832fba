package apply

import (
	"context"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
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
