package drift

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// checkCounting runs Check and returns its result and how many times it
// loaded the expected SQL into a scratch database.
func checkCounting(t *testing.T, o Options) (*Result, int) {
	t.Helper()
	loads := 0
	o.Name, o.loaded = "t1", func() { loads++ }
	res, err := Check(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return res, loads
}

// scratches counts the scratch databases on the server.
const scratches = `SELECT count(*) FROM pg_database WHERE datname LIKE 'dbcd\_scratch\_%'`

// TestDriftUsesTheStoredModel: apply stores the schema model with each
// snapshot, and a drifted target is compared with it, with no scratch
// database, reporting what loading the snapshot reports. A snapshot
// without a model (stored by an older dbcd), or with one that is corrupt,
// of another version or that does not match the snapshot's SQL, is loaded
// as before, with the same result.
func TestDriftUsesTheStoredModel(t *testing.T) {
	db := pgtest.New(t)
	migrate(t, db, file("1", richSchema))
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM dbcd.migration_history_snapshot WHERE model IS NULL`); n != 0 {
		t.Fatalf("%d snapshots stored without a model", n)
	}
	db.Exec(t, `ALTER TABLE employee ADD COLUMN city text NOT NULL DEFAULT '';
DROP INDEX idx_emp_name; COMMENT ON TABLE dept IS 'departments'`)
	o := Options{URL: db.URL()}

	before := pgtest.QueryValue[int64](t, db, scratches)
	stored, loads := checkCounting(t, o)
	if loads != 0 || len(stored.Diff.Changes) == 0 || stored.Baseline != AgainstHistory {
		t.Fatalf("stored model: %d loads, %+v", loads, stored)
	}
	if after := pgtest.QueryValue[int64](t, db, scratches); after != before {
		t.Errorf("scratch databases: %d before, %d after", before, after)
	}
	var names []string
	for _, c := range stored.Diff.Changes {
		names = append(names, c.Kind+" "+c.Name+" "+c.Op)
	}
	want := []string{"table public.dept changed", "column public.employee.city added", "index public.employee.idx_emp_name removed"}
	if d := cmp.Diff(want, names); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}

	for name, corrupt := range map[string]string{
		"no model (older dbcd)": `NULL`,
		"corrupt":               `'\x0102'::bytea`,
		"truncated":             `substr(model, 1, length(model) / 2)`,
		"another model version": `overlay(model placing '\x63'::bytea from 20 for 1)`,
		"not the snapshot's":    `overlay(model placing 'dapt'::bytea from position('public.dept'::bytea in model) + 7 for 4)`,
	} {
		t.Run(name, func(t *testing.T) {
			db.Exec(t, `CREATE TABLE dbcd.saved AS SELECT sha256, model FROM dbcd.migration_history_snapshot;
UPDATE dbcd.migration_history_snapshot SET model = `+corrupt)
			defer db.Exec(t, `UPDATE dbcd.migration_history_snapshot s SET model = v.model FROM dbcd.saved v WHERE s.sha256 = v.sha256;
DROP TABLE dbcd.saved`)
			loaded, loads := checkCounting(t, o)
			if loads != 1 {
				t.Errorf("%d loads, want 1", loads)
			}
			if d := cmp.Diff(stored.Diff, loaded.Diff); d != "" {
				t.Errorf("stored model and loaded snapshot differ (-stored +loaded):\n%s", d)
			}
		})
	}

	// drift --accept stores the model of the accepted schema too.
	if _, err := Accept(context.Background(), db.URL(), "", "alice", "OPS-1"); err != nil {
		t.Fatal(err)
	}
	db.Exec(t, `ALTER TABLE employee DROP COLUMN city`)
	res, loads := checkCounting(t, o)
	if loads != 0 || len(res.Diff.Changes) != 1 || res.Diff.Changes[0].Name != "public.employee.city" {
		t.Errorf("after accept: %d loads, %+v", loads, res.Diff)
	}
}

// TestDriftOnAHistoryTableOfTheOldLayout: a target whose history table has
// layout 2 (no model column: a read-only drift run before any newer apply
// upgraded it) is checked by loading the snapshot; after the upgrade its
// old snapshots, still without a model, are loaded too.
func TestDriftOnAHistoryTableOfTheOldLayout(t *testing.T) {
	db := pgtest.New(t)
	migrate(t, db, file("1", "CREATE TABLE employee (id int PRIMARY KEY);\n"))
	db.Exec(t, `ALTER TABLE dbcd.migration_history_snapshot DROP COLUMN model;
COMMENT ON TABLE dbcd.migration_history IS 'dbcd history layout 2';
ALTER TABLE employee ADD COLUMN city text`)
	res, loads := checkCounting(t, Options{URL: db.URL()})
	if loads != 1 || len(res.Diff.Changes) != 1 || res.Diff.Changes[0].Name != "public.employee.city" {
		t.Fatalf("layout 2: %d loads, %+v", loads, res.Diff)
	}
	// A newer apply upgrades the table; the old snapshot has no model.
	table, _ := history.ParseTable("")
	if err := history.Ensure(context.Background(), db.Conn(t), table); err != nil {
		t.Fatal(err)
	}
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM dbcd.migration_history_snapshot WHERE model IS NULL`); n != 1 {
		t.Fatalf("%d snapshots without a model, want 1", n)
	}
	res, loads = checkCounting(t, Options{URL: db.URL()})
	if loads != 1 || len(res.Diff.Changes) != 1 {
		t.Errorf("layout 3, old snapshot: %d loads, %+v", loads, res.Diff)
	}
}

// TestChangesUseTheStoredModels: history --diff compares the models stored
// with the snapshots around a migration, loading nothing but the empty
// schema before the first one, and shows what loading them shows.
func TestChangesUseTheStoredModels(t *testing.T) {
	db := pgtest.New(t)
	migrate(t, db, file("1", "CREATE TABLE employee (id int PRIMARY KEY);\n"))
	migrate(t, db, file("1", "CREATE TABLE employee (id int PRIMARY KEY);\n"),
		file("2", "ALTER TABLE employee ADD COLUMN city text;\nCREATE INDEX employee_city ON employee (city);\n"))
	changes := func(version string) ([]MigrationChange, int) {
		t.Helper()
		loads := 0
		out, err := Changes(context.Background(), ChangeOptions{URL: db.URL(), Version: version, loaded: func() { loads++ }})
		if err != nil || len(out) != 1 {
			t.Fatalf("Changes(%s) = %+v, %v", version, out, err)
		}
		return out, loads
	}
	stored, loads := changes("2")
	if loads != 0 || len(stored[0].Diff.Changes) != 2 {
		t.Errorf("version 2: %d loads, %+v", loads, stored[0].Diff)
	}
	if _, loads := changes("1"); loads != 1 {
		t.Errorf("version 1: %d loads, want 1 (the empty schema)", loads)
	}
	db.Exec(t, `UPDATE dbcd.migration_history_snapshot SET model = NULL`)
	loaded, loads := changes("2")
	if loads != 2 {
		t.Errorf("without models: %d loads, want 2", loads)
	}
	if d := cmp.Diff(stored[0].Diff, loaded[0].Diff); d != "" {
		t.Errorf("stored models and loaded snapshots differ (-stored +loaded):\n%s", d)
	}
}
