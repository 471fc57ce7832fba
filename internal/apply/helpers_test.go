package apply

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/source"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(childMain())
	}
	pgtest.Main(m)
}

// mkfile builds a migration file as source.Load would.
func mkfile(t fataler, db, version, typ, content string) *source.File {
	t.Helper()
	v, err := source.ParseVersion(version)
	if err != nil {
		t.Fatal(err)
	}
	return &source.File{
		Path:     "migrations/" + db + "##" + version + "##" + typ + "##test.sql",
		DB:       db,
		Version:  v,
		Type:     source.Type(typ),
		Content:  []byte(content),
		Checksum: source.Checksum([]byte(content)),
		Settings: source.Settings{NoTransaction: strings.Contains(content, "-- dbcd:no-transaction")},
	}
}

// fataler is the part of testing.TB mkfile needs; the child process of the
// kill tests has no testing.TB.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

// panicker is a fataler outside tests.
type panicker struct{}

func (panicker) Helper()           {}
func (panicker) Fatal(args ...any) { panic(fmt.Sprint(args...)) }

// opts returns Options applying files to one target on db.
func opts(db *pgtest.DB, files ...*source.File) Options {
	return Options{
		Stage:       "test",
		Targets:     []Target{{Stage: "test", Name: "t1", DB: "app", URL: db.URL()}},
		Files:       files,
		LockTimeout: 5 * time.Second,
		LockWait:    time.Minute,
		LockRetries: 3,
		OutOfOrder:  OutOfOrderWarn,
		Provenance:  Provenance{AppliedBy: "tester", Commit: "abc123", BuildNumber: "42", DBCDVersion: "test"},
	}
}

// rows reads the default history table of db.
func rows(t testing.TB, db *pgtest.DB) []history.Row {
	t.Helper()
	conn := db.Conn(t)
	tbl, _ := history.ParseTable("")
	rs, err := history.Rows(context.Background(), conn, tbl)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// statuses summarises history rows as "version/type=status" strings.
func statuses(rs []history.Row) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Version+"/"+r.Type+"="+string(r.Status))
	}
	return out
}

// recorder collects progress events.
type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) add(e Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

func (r *recorder) count(kind EventKind) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// waitFor polls cond until it holds or the timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
