package apply

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/source"
)

func TestApplyRecordsHistoryAndIsIdempotent(t *testing.T) {
	db := pgtest.New(t)
	files := []*source.File{
		mkfile(t, "app", "1", "ddl", "CREATE TABLE emp (id int PRIMARY KEY, name text);\nSET search_path = nowhere;\n"),
		mkfile(t, "app", "2", "ddl", "ALTER TABLE emp ADD COLUMN nick text;"),
		mkfile(t, "app", "2", "dml", "INSERT INTO emp VALUES (1, 'a', 'b');"),
	}
	res, err := Run(context.Background(), opts(db, files...))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Targets[0].Status; got != TargetApplied {
		t.Errorf("status = %s, want applied", got)
	}
	rs := rows(t, db)
	if diff := cmp.Diff([]string{"1/ddl=done", "2/ddl=done", "2/dml=done"}, statuses(rs)); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	r := rs[0]
	if r.Commit != "abc123" || r.BuildNumber != "42" || r.AppliedBy != "tester" || r.Stage != "test" || r.Target != "t1" ||
		r.StatementsTotal != 2 || r.StatementsApplied != 2 || r.Checksum != files[0].Checksum || r.FinishedAt == nil || r.Duration == nil {
		t.Errorf("row 1 = %+v", r)
	}
	res, err = Run(context.Background(), opts(db, files...))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Targets[0].Status; got != TargetUpToDate {
		t.Errorf("second run status = %s, want up-to-date", got)
	}
	if got := len(rows(t, db)); got != 3 {
		t.Errorf("second run wrote rows: %d", got)
	}
}

func TestFailingStatementNamesLineColumnAndServerMessage(t *testing.T) {
	db := pgtest.New(t)
	f := mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);\n\nSELECT id,\n       nosuch FROM a;\n")
	_, err := Run(context.Background(), opts(db, f))
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v, want a *FileError", err)
	}
	if fe.Line != 5 || fe.Column != 8 || fe.Statement != 3 || fe.SQLState != "42703" {
		t.Errorf("error at %d:%d statement %d sqlstate %s, want 5:8 statement 3 42703", fe.Line, fe.Column, fe.Statement, fe.SQLState)
	}
	if !strings.Contains(err.Error(), f.Path+":5:8") || !strings.Contains(err.Error(), `column "nosuch" does not exist`) {
		t.Errorf("message = %s", err)
	}
	if got := pgtest.QueryValue[bool](t, db, "SELECT to_regclass('a') IS NULL"); !got {
		t.Error("the failed file's first statement was kept")
	}
	if got := statuses(rows(t, db)); len(got) != 1 || got[0] != "1/ddl=rolled-back" {
		t.Errorf("history = %v, want one rolled-back row", got)
	}

	g := mkfile(t, "app", "1", "ddl", "CREATE TABLE b (id int PRIMARY KEY);\nINSERT INTO b VALUES (1), (1);")
	_, err = Run(context.Background(), opts(db, g))
	if !errors.As(err, &fe) || !strings.Contains(fe.Detail, "Key (id)=(1) already exists") || !strings.Contains(err.Error(), "DETAIL: ") {
		t.Errorf("error = %v, want the server's detail", err)
	}
	// The rolled-back attempts do not block a corrected file.
	ok := mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id int PRIMARY KEY);")
	if _, err := Run(context.Background(), opts(db, ok)); err != nil {
		t.Fatalf("corrected file: %v", err)
	}
}

func TestLockTimeoutFailsWithinBounds(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE busy (id int)")
	holder := db.Conn(t)
	ctx := context.Background()
	if _, err := holder.Exec(ctx, "BEGIN; SELECT * FROM busy"); err != nil {
		t.Fatal(err)
	}
	o := opts(db, mkfile(t, "app", "1", "ddl", "ALTER TABLE busy ADD COLUMN x int;"))
	o.LockTimeout, o.LockRetries, o.RetryBackoff = 200*time.Millisecond, 2, 50*time.Millisecond
	rec := &recorder{}
	o.Progress = rec.add
	start := time.Now()
	res, err := Run(ctx, o)
	elapsed := time.Since(start)
	var fe *FileError
	if !errors.As(err, &fe) || fe.SQLState != "55P03" || fe.Line != 1 {
		t.Fatalf("error = %v, want lock timeout (55P03) at line 1", err)
	}
	if elapsed > 3*time.Second {
		t.Errorf("took %s; three 200ms attempts with short pauses should take well under 3s", elapsed)
	}
	if got := res.Targets[0].Applied[0].Retries; got != 2 || rec.count(EventRetry) != 2 {
		t.Errorf("retries = %d, events = %d, want 2", got, rec.count(EventRetry))
	}
	_, _ = holder.Exec(ctx, "ROLLBACK")
	if _, err := Run(ctx, o); err != nil {
		t.Fatalf("after the blocker left: %v", err)
	}
}

func TestTerminatedSessionIsReportedAndRecoverable(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE ctl ()")
	files := scenarioFiles(t, "tx")
	errc := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), opts(db, files...))
		errc <- err
	}()
	waitFor(t, 30*time.Second, "the migration to sleep", func() bool {
		return pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND application_name LIKE 'dbcd apply%' AND query LIKE '%pg_sleep%' AND state = 'active'`) > 0
	})
	db.Exec(t, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name LIKE 'dbcd apply%' AND query LIKE '%pg_sleep%'`)
	err := <-errc
	if !errors.Is(err, ErrMigration) || !strings.Contains(err.Error(), "terminating connection") {
		t.Fatalf("error = %v, want the termination reported as a migration failure", err)
	}
	db.Exec(t, "DROP TABLE ctl")
	if _, err := Run(context.Background(), opts(db, files...)); err != nil {
		t.Fatalf("rerun: %v", err)
	}
}

func TestConcurrentAppliesApplyEachFileOnce(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE log (file text)")
	var files []*source.File
	for _, v := range []string{"1", "2", "3"} {
		files = append(files, mkfile(t, "app", v, "dml", "INSERT INTO log VALUES ('"+v+"');\nSELECT pg_sleep(0.1);"))
	}
	files = append(files, mkfile(t, "app", "4", "ddl", "-- dbcd:no-transaction\nINSERT INTO log VALUES ('4');\nCREATE INDEX CONCURRENTLY log_file ON log (file);"))
	const n = 8
	rec := &recorder{}
	var wg sync.WaitGroup
	errs := make([]error, n)
	results := make([]*Result, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := opts(db, files...)
			o.Progress = rec.add
			results[i], errs[i] = Run(context.Background(), o)
		}()
	}
	wg.Wait()
	applied := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("run %d: %v", i, errs[i])
		}
		applied += len(results[i].Targets[0].Applied)
	}
	if applied != len(files) {
		t.Errorf("files applied across runs = %d, want %d", applied, len(files))
	}
	if got := pgtest.QueryValue[string](t, db, "SELECT string_agg(file, ',' ORDER BY file) FROM log"); got != "1,2,3,4" {
		t.Errorf("log = %s, want each file once", got)
	}
	if got := statuses(rows(t, db)); strings.Join(got, " ") != "1/dml=done 2/dml=done 3/dml=done 4/ddl=done" {
		t.Errorf("history = %v", got)
	}
	if rec.count(EventLockWait) == 0 {
		t.Error("no run waited for the lock")
	}
}

func TestConcurrentIndexBuildWhileAnotherApplyWaits(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE big AS SELECT g AS id FROM generate_series(1, 10000) g")
	files := []*source.File{
		mkfile(t, "app", "1", "ddl", "-- dbcd:no-transaction\nSELECT pg_sleep(1);\nCREATE INDEX CONCURRENTLY big_id ON big (id);"),
	}
	first := &recorder{}
	o := opts(db, files...)
	o.Progress = first.add
	done := make(chan error, 1)
	go func() { _, err := Run(context.Background(), o); done <- err }()
	waitFor(t, 30*time.Second, "the first apply to start its file", func() bool { return first.count(EventFileStart) > 0 })
	second := &recorder{}
	o2 := opts(db, files...)
	o2.Progress = second.add
	done2 := make(chan error, 1)
	go func() { _, err := Run(context.Background(), o2); done2 <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("first apply: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("CREATE INDEX CONCURRENTLY did not finish while another apply waited: deadlock")
	}
	if err := <-done2; err != nil {
		t.Fatalf("second apply: %v", err)
	}
	if second.count(EventLockWait) == 0 {
		t.Error("the second apply did not wait for the lock")
	}
	if !pgtest.QueryValue[bool](t, db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_id'::regclass") {
		t.Error("index big_id is not valid")
	}
}

func TestLockWaitTimesOutNamingTheHolder(t *testing.T) {
	db := pgtest.New(t)
	holder := db.Conn(t)
	ctx := context.Background()
	if _, err := holder.Exec(ctx, "SET application_name = 'dbcd apply #7 prod'"); err != nil {
		t.Fatal(err)
	}
	tbl, _ := history.ParseTable("")
	if _, err := holder.Exec(ctx, "SELECT pg_advisory_lock($1)", dbconn.LockKey(tbl.String())); err != nil {
		t.Fatal(err)
	}
	o := opts(db, mkfile(t, "app", "1", "ddl", "CREATE TABLE a ();"))
	o.LockWait = 300 * time.Millisecond
	_, err := Run(ctx, o)
	if !errors.Is(err, ErrLockTimeout) || !strings.Contains(err.Error(), `"dbcd apply #7 prod"`) {
		t.Fatalf("error = %v, want a lock timeout naming the holder", err)
	}
}
