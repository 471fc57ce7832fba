package apply

import (
	"context"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/pgtest"
)

// TestResetReturnsToConfiguredTimeouts: a file that RESETs lock_timeout
// still runs under dbcd's configured timeout, which review relies on
// (transaction.require-lock-timeout treats RESET as back to the runner's).
func TestResetReturnsToConfiguredTimeouts(t *testing.T) {
	db := pgtest.New(t)
	f := mkfile(t, "app", "1", "ddl", "SET lock_timeout = 0;\nRESET lock_timeout;\n"+
		"CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS stmt;\n")
	o := opts(db, f)
	o.LockTimeout, o.StatementTimeout = 3*time.Second, 90*time.Second
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if got := pgtest.QueryValue[string](t, db, "SELECT lock FROM seen"); got != "3s" {
		t.Errorf("lock_timeout after RESET = %q, want 3s", got)
	}
	if got := pgtest.QueryValue[string](t, db, "SELECT stmt FROM seen"); got != "90s" {
		t.Errorf("statement_timeout = %q, want 90s", got)
	}
}
