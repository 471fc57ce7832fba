package apply

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
)

func TestChangedAppliedFileBlocksTarget(t *testing.T) {
	db := pgtest.New(t)
	f := mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id int);")
	if _, err := Run(context.Background(), opts(db, f)); err != nil {
		t.Fatal(err)
	}
	edited := mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id bigint);")
	next := mkfile(t, "app", "2", "ddl", "CREATE TABLE b (id int);")
	_, err := Run(context.Background(), opts(db, edited, next))
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("error = %v, want ErrChecksum", err)
	}
	for _, want := range []string{f.Path, f.Checksum, edited.Checksum} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if got := pgtest.QueryValue[bool](t, db, "SELECT to_regclass('b') IS NULL"); !got {
		t.Error("a file ran on a blocked target")
	}
}

func TestOutOfOrderPolicies(t *testing.T) {
	for _, tc := range []struct {
		policy   OutOfOrder
		wantErr  bool
		warnings int
	}{
		{OutOfOrderAllow, false, 0},
		{OutOfOrderWarn, false, 1},
		{OutOfOrderError, true, 0},
	} {
		t.Run(string(tc.policy), func(t *testing.T) {
			db := pgtest.New(t)
			v2 := mkfile(t, "app", "2", "ddl", "CREATE TABLE b ();")
			if _, err := Run(context.Background(), opts(db, v2)); err != nil {
				t.Fatal(err)
			}
			o := opts(db, mkfile(t, "app", "1", "ddl", "CREATE TABLE a ();"), v2)
			o.OutOfOrder = tc.policy
			res, err := Run(context.Background(), o)
			if gotErr := errors.Is(err, ErrOutOfOrder); gotErr != tc.wantErr {
				t.Fatalf("error = %v, want out-of-order error: %v", err, tc.wantErr)
			}
			if tc.wantErr {
				if !strings.Contains(err.Error(), "lower than the applied version 2") {
					t.Errorf("error = %v", err)
				}
				return
			}
			if got := len(res.Targets[0].Warnings); got != tc.warnings {
				t.Errorf("warnings = %v, want %d", res.Targets[0].Warnings, tc.warnings)
			}
			if got := len(res.Targets[0].Applied); got != 1 {
				t.Errorf("applied %d files, want 1", got)
			}
		})
	}
}

func TestAfterGating(t *testing.T) {
	testDB, prodDB := pgtest.New(t), pgtest.New(t)
	f := mkfile(t, "app", "1", "ddl", "CREATE TABLE a ();")
	f.Stage = "" // promoted through every stage
	testTarget := Target{Stage: "test", Name: "test-app", DB: "app", URL: testDB.URL()}
	prod := opts(prodDB, f)
	prod.Stage, prod.Targets[0].Stage, prod.Targets[0].Name = "prod", "prod", "prod-app"
	prod.Earlier = []StageTargets{{Stage: "test", Targets: []Target{testTarget}}}

	_, err := Run(context.Background(), prod)
	var ge *GateError
	if !errors.As(err, &ge) || !errors.Is(err, ErrGate) {
		t.Fatalf("error = %v, want a *GateError", err)
	}
	if diff := cmp.Diff([]Missing{{Path: f.Path, Stage: "test", Target: "test-app", Reason: "not applied"}}, ge.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	if got := pgtest.QueryValue[bool](t, prodDB, "SELECT to_regclass('a') IS NULL"); !got {
		t.Error("prod ran a file that test had not")
	}
	if _, err := Run(context.Background(), opts(testDB, f)); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), prod); err != nil {
		t.Fatalf("after test applied the file: %v", err)
	}
}

func TestBaseline(t *testing.T) {
	base := mkfile(t, "app", "5", "baseline", "CREATE TABLE a (id int, x int);")
	old := mkfile(t, "app", "3", "ddl", "CREATE TABLE a (id int);")
	newer := mkfile(t, "app", "6", "ddl", "ALTER TABLE a ADD COLUMN y int;")

	t.Run("empty", func(t *testing.T) {
		db := pgtest.New(t)
		res, err := Run(context.Background(), opts(db, old, base, newer))
		if err != nil {
			t.Fatal(err)
		}
		tr := res.Targets[0]
		if len(tr.Applied) != 2 || tr.Applied[0].Path != base.Path || len(tr.Skipped) != 1 || tr.Skipped[0].Path != old.Path {
			t.Errorf("applied %v, skipped %v", tr.Applied, tr.Skipped)
		}
		if got := statuses(rows(t, db)); strings.Join(got, " ") != "5/baseline=done 6/ddl=done" {
			t.Errorf("history = %v", got)
		}
	})
	t.Run("not empty", func(t *testing.T) {
		db := pgtest.New(t)
		db.Exec(t, "CREATE TABLE existing ()")
		_, err := Run(context.Background(), opts(db, base, newer))
		if !errors.Is(err, ErrBaseline) || !strings.Contains(err.Error(), base.Path) {
			t.Fatalf("error = %v, want ErrBaseline naming the file", err)
		}
		if got := pgtest.QueryValue[bool](t, db, "SELECT to_regclass('a') IS NULL"); !got {
			t.Error("the baseline ran on a database with tables")
		}
	})
}

func TestMixedFileIsRefusedWithLine(t *testing.T) {
	db := pgtest.New(t)
	f := mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);")
	_, err := Run(context.Background(), opts(db, f))
	var fe *FileError
	if !errors.Is(err, ErrBadFile) || !errors.As(err, &fe) || fe.Line != 2 || fe.Column != 1 {
		t.Fatalf("error = %v, want ErrBadFile at line 2", err)
	}
	if !strings.Contains(err.Error(), "dbcd:no-transaction") {
		t.Errorf("error %q does not say how to fix it", err)
	}
	// With the directive the same statements run one by one.
	g := mkfile(t, "app", "1", "ddl", "-- dbcd:no-transaction\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);")
	if _, err := Run(context.Background(), opts(db, g)); err != nil {
		t.Fatal(err)
	}
	// A file of only such statements needs no directive.
	h := mkfile(t, "app", "2", "ddl", "CREATE INDEX CONCURRENTLY a_id2 ON a (id);")
	if _, err := Run(context.Background(), opts(db, h)); err != nil {
		t.Fatal(err)
	}
}

func TestFailedNoTransactionFileNeedsResolve(t *testing.T) {
	db := pgtest.New(t)
	f := mkfile(t, "app", "1", "ddl", "-- dbcd:no-transaction\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_x ON a (x);\nCREATE TABLE c ();")
	o := opts(db, f, mkfile(t, "app", "2", "ddl", "CREATE TABLE b ();"))
	_, err := Run(context.Background(), o)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Statement != 2 || fe.Line != 3 || !strings.Contains(fe.Resolve, "dbcd resolve") {
		t.Fatalf("error = %v, want statement 2 at line 3 with the resolve command", err)
	}
	rs := rows(t, db)
	if len(rs) != 1 || rs[0].Status != history.StatusFailed || rs[0].StatementsApplied != 1 ||
		len(rs[0].StatementHashes) != 1 || rs[0].StatementHashes[0] != history.StatementHash("CREATE TABLE a (id int)") {
		t.Fatalf("history = %+v", rs)
	}
	if _, err := Run(context.Background(), o); !errors.Is(err, ErrUnresolved) {
		t.Fatalf("rerun error = %v, want ErrUnresolved", err)
	}
	// A person finished the file by hand and resolves it as done.
	db.Exec(t, "CREATE TABLE c ()")
	if _, err := Resolve(context.Background(), ResolveOptions{Target: o.Targets[0], Version: "1", As: history.StatusDone, By: "dba", Reason: "index not needed"}); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.Targets[0].Applied); got != 1 {
		t.Errorf("applied %d files after resolve, want 1 (version 2)", got)
	}
	if _, err := Resolve(context.Background(), ResolveOptions{Target: o.Targets[0], Version: "1", As: history.StatusDone}); !errors.Is(err, history.ErrNothingToResolve) {
		t.Errorf("second resolve error = %v, want ErrNothingToResolve", err)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	db := pgtest.New(t)
	res, err := Run(context.Background(), func() Options {
		o := opts(db, mkfile(t, "app", "1", "ddl", "CREATE TABLE a ();"), mkfile(t, "app", "2", "ddl", "CREATE TABLE b ();"))
		o.DryRun = true
		return o
	}())
	if err != nil {
		t.Fatal(err)
	}
	tr := res.Targets[0]
	if tr.Status != TargetPending || len(tr.Pending) != 2 || len(tr.Applied) != 0 {
		t.Errorf("dry run result = %+v", tr)
	}
	if got := pgtest.QueryValue[bool](t, db, "SELECT to_regnamespace('dbcd') IS NULL AND to_regclass('a') IS NULL"); !got {
		t.Error("dry run changed the database")
	}
}

func TestWavesStopAfterAFailedTarget(t *testing.T) {
	dbs := []*pgtest.DB{pgtest.New(t), pgtest.New(t), pgtest.New(t)}
	dbs[0].Exec(t, "CREATE TABLE a ()") // makes the file fail on the first target
	o := opts(dbs[0], mkfile(t, "app", "1", "ddl", "CREATE TABLE a ();"))
	o.Targets = nil
	for i, db := range dbs {
		o.Targets = append(o.Targets, Target{Stage: "test", Name: "t" + string(rune('1'+i)), DB: "app", URL: db.URL()})
	}
	o.Waves, o.Parallel = []string{"1", "100%"}, 2
	res, err := Run(context.Background(), o)
	var pe *PartialError
	if !errors.As(err, &pe) || !errors.Is(err, ErrMigration) {
		t.Fatalf("error = %v, want a *PartialError with a migration failure", err)
	}
	var got []TargetStatus
	for _, tr := range res.Targets {
		got = append(got, tr.Status)
	}
	if diff := cmp.Diff([]TargetStatus{TargetFailed, TargetNotStarted, TargetNotStarted}, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
}

func TestSelectTargetsAndWaves(t *testing.T) {
	ts := []Target{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e"}}
	names := func(o Options) []string {
		got, err := selectTargets(&o)
		if err != nil {
			return []string{err.Error()}
		}
		var out []string
		for _, t := range got {
			out = append(out, t.Name)
		}
		return out
	}
	for _, tc := range []struct {
		o    Options
		want []string
	}{
		{Options{Targets: ts}, []string{"a", "b", "c", "d", "e"}},
		{Options{Targets: ts, Shard: Shard{1, 2}}, []string{"a", "c", "e"}},
		{Options{Targets: ts, Shard: Shard{2, 2}}, []string{"b", "d"}},
		{Options{Targets: ts, Target: "d"}, []string{"d"}},
		{Options{Stage: "s", Targets: ts, Target: "x"}, []string{`stage s has no target "x" (targets: a, b, c, d, e)`}},
		{Options{Targets: ts, Shard: Shard{3, 2}}, []string{"shard 3/2: use I/N with 1 <= I <= N"}},
	} {
		if diff := cmp.Diff(tc.want, names(tc.o)); diff != "" {
			t.Errorf("selectTargets(%+v) (-want +got):\n%s", tc.o.Shard, diff)
		}
	}
	for _, tc := range []struct {
		specs []string
		n     int
		want  []int
	}{
		{nil, 5, []int{5}},
		{[]string{"1", "25%", "100%"}, 8, []int{1, 2, 8}},
		{[]string{"1", "25%"}, 2, []int{1, 2}},
		{[]string{"2", "10%"}, 10, []int{2, 10}},
		{[]string{"1", "100%"}, 0, nil},
	} {
		got, err := planWaves(tc.specs, tc.n)
		if err != nil || !cmp.Equal(tc.want, got) {
			t.Errorf("planWaves(%v, %d) = %v, %v, want %v", tc.specs, tc.n, got, err, tc.want)
		}
	}
	if _, err := planWaves([]string{"0%"}, 3); err == nil {
		t.Error("planWaves accepted 0%")
	}
}

// TestCheckedFilesOnly: with Options.Checked, a target where a file is
// pending that the caller's pre-checks did not cover is refused before
// anything runs.
func TestCheckedFilesOnly(t *testing.T) {
	db := pgtest.New(t)
	f1 := mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id int);\n")
	f2 := mkfile(t, "app", "2", "ddl", "CREATE TABLE b (id int);\n")
	o := opts(db, f1, f2)
	o.Checked = map[string]map[string]string{o.Targets[0].Name: {f1.Path: f1.Checksum}}
	_, err := Run(context.Background(), o)
	if !errors.Is(err, ErrNotChecked) || !strings.Contains(err.Error(), f2.Path+" became pending after the approval and rollout checks") {
		t.Fatalf("err = %v", err)
	}
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'b')`); n != 0 {
		t.Errorf("%d tables created", n)
	}
	o.Checked[o.Targets[0].Name][f2.Path] = f2.Checksum
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
}
