package apply

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/source"
)

// childEnv names the scenario a re-executed test binary applies, and
// childURLEnv the database it applies it to.
const (
	childEnv    = "DBCD_APPLY_TEST_CHILD"
	childURLEnv = "DBCD_APPLY_TEST_URL"
)

// sleepWhileCtl sleeps for a minute while table ctl exists, so that a test
// controls whether a file hangs.
const sleepWhileCtl = `SELECT pg_sleep(CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'ctl') THEN 60 ELSE 0 END)`

// scenarioFiles returns the files of a kill scenario.
func scenarioFiles(t fataler, name string) []*source.File {
	switch name {
	case "tx":
		return []*source.File{mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id int);\n"+sleepWhileCtl+";\n")}
	case "notx":
		return []*source.File{mkfile(t, "app", "1", "ddl", "-- dbcd:no-transaction\nCREATE TABLE IF NOT EXISTS b (id int);\n"+
			sleepWhileCtl+";\nCREATE INDEX CONCURRENTLY IF NOT EXISTS b_id ON b (id);\n")}
	}
	panic("unknown scenario " + name)
}

// childMain runs in the re-executed test binary: it applies a scenario and
// waits to be killed.
func childMain() int {
	files := scenarioFiles(panicker{}, os.Getenv(childEnv))
	o := Options{Stage: "test", Files: files, LockTimeout: 5 * time.Second, LockWait: time.Minute,
		Targets: []Target{{Stage: "test", Name: "t1", DB: "app", URL: os.Getenv(childURLEnv)}}}
	_, err := Run(context.Background(), o)
	fmt.Fprintln(os.Stderr, "child finished:", err)
	return 0
}

// killMidFile starts a child applying scenario and kills it with SIGKILL
// while its migration sleeps.
func killMidFile(t *testing.T, db *pgtest.DB, scenario string) {
	t.Helper()
	db.Exec(t, "CREATE TABLE ctl ()")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+scenario, childURLEnv+"="+db.URL())
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the child to sleep in its migration", func() bool {
		return pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND application_name LIKE 'dbcd apply%' AND query LIKE '%pg_sleep%' AND state = 'active'`) > 0
	})
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	db.Exec(t, "DROP TABLE ctl")
}

func TestKillDuringTransactionalFile(t *testing.T) {
	db := pgtest.New(t)
	killMidFile(t, db, "tx")
	for _, r := range rows(t, db) {
		if r.Status == history.StatusDone {
			t.Fatalf("a killed transactional file left a done row: %+v", r)
		}
	}
	// The killed session may linger until the server notices; the rerun
	// waits for its lock, bounded by client_connection_check_interval.
	start := time.Now()
	res, err := Run(context.Background(), opts(db, scenarioFiles(t, "tx")...))
	if err != nil {
		t.Fatalf("rerun: %v", err)
	}
	if got := len(res.Targets[0].Applied); got != 1 {
		t.Fatalf("rerun applied %d files, want 1", got)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("rerun took %s: the killed session's lock lingered", d)
	}
	if got := pgtest.QueryValue[bool](t, db, "SELECT to_regclass('a') IS NOT NULL"); !got {
		t.Error("table a missing after rerun")
	}
}

func TestKillDuringNoTransactionFile(t *testing.T) {
	db := pgtest.New(t)
	killMidFile(t, db, "notx")
	rs := rows(t, db)
	if len(rs) != 1 || rs[0].Status != history.StatusRunning || rs[0].StatementsApplied != 1 {
		t.Fatalf("rows after kill = %v (applied %d), want one running row with 1 statement applied", statuses(rs), rs[0].StatementsApplied)
	}
	o := opts(db, scenarioFiles(t, "notx")...)
	_, err := Run(context.Background(), o)
	if !errors.Is(err, ErrUnresolved) {
		t.Fatalf("rerun error = %v, want ErrUnresolved", err)
	}
	for _, want := range []string{rs[0].Path, "dbcd resolve --stage test --target t1 --version 1", "statement 2 of 3"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("rerun error %q does not mention %q", err, want)
		}
	}
	row, err := Resolve(context.Background(), ResolveOptions{Target: o.Targets[0], Version: "1",
		As: history.StatusRolledBack, By: "dba", Reason: "dropped table b by hand", LockWait: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if row.ResolvedBy != "dba" || row.Status != history.StatusRolledBack {
		t.Errorf("resolved row = %+v", row)
	}
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatalf("apply after resolve: %v", err)
	}
	if got := statuses(rows(t, db)); strings.Join(got, " ") != "1/ddl=rolled-back 1/ddl=done" {
		t.Errorf("history = %v", got)
	}
}
