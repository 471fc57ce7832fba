package apply

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// indexValid reports whether index name exists and is valid.
func indexValid(t *testing.T, db *pgtest.DB, name string) (exists, valid bool) {
	t.Helper()
	n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass($1)`, name)
	if n == 0 {
		return false, false
	}
	return true, pgtest.QueryValue[bool](t, db, `SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)`, name)
}

// TestFailedConcurrentIndexNamesInvalidIndex: a CREATE UNIQUE INDEX
// CONCURRENTLY on duplicates leaves an INVALID index. The error, the
// history row and the refusal of the rerun name it with the DROP command;
// after `resolve --as rolled-back` without the drop, the rerun refuses
// before running anything (IF NOT EXISTS would otherwise record the file
// done over the INVALID index); once dropped, the file applies.
func TestFailedConcurrentIndexNamesInvalidIndex(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE a (x int); INSERT INTO a VALUES (1), (1)")
	f := mkfile(t, "app", "1", "ddl", "-- dbcd:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS a_x ON a (x);\n")
	o := opts(db, f)
	const drop = "DROP INDEX CONCURRENTLY IF EXISTS public.a_x;"

	_, err := Run(ctx, o)
	var fe *FileError
	if !errors.As(err, &fe) || !slices.Equal(fe.InvalidIndexes, []string{"public.a_x"}) || fe.Resolve == "" {
		t.Fatalf("error = %v, want a FileError naming INVALID index public.a_x and the resolve command", err)
	}
	msg := fe.Error()
	if !strings.Contains(msg, "left index public.a_x INVALID") || !strings.Contains(msg, drop) ||
		strings.Index(msg, drop) > strings.Index(msg, "dbcd resolve") {
		t.Errorf("message does not name the index and the DROP before the resolve command:\n%s", msg)
	}
	if exists, valid := indexValid(t, db, "public.a_x"); !exists || valid {
		t.Fatalf("index a_x exists=%v valid=%v, want an INVALID index", exists, valid)
	}
	rs := rows(t, db)
	if len(rs) != 1 || rs[0].Status != history.StatusFailed || !strings.Contains(rs[0].Error, drop) {
		t.Fatalf("history = %+v, want one failed row whose error holds the DROP", rs)
	}

	_, err = Run(ctx, o)
	if !errors.Is(err, ErrUnresolved) || !strings.Contains(err.Error(), drop) {
		t.Fatalf("rerun error = %v, want ErrUnresolved repeating %q", err, drop)
	}

	// Someone removes the duplicate and resolves, but forgets the index.
	db.Exec(t, "DELETE FROM a; INSERT INTO a VALUES (1)")
	if _, err := Resolve(ctx, ResolveOptions{Target: o.Targets[0], Version: "1", As: history.StatusRolledBack, By: "dba"}); err != nil {
		t.Fatal(err)
	}
	_, err = Run(ctx, o)
	if !errors.Is(err, ErrInvalidIndex) || !errors.Is(err, ErrMigration) || !strings.Contains(err.Error(), drop) ||
		!strings.Contains(err.Error(), "nothing of the file was run") {
		t.Fatalf("rerun after resolve: error = %v, want ErrInvalidIndex naming %q", err, drop)
	}
	if !errors.As(err, &fe) || fe.Line != 2 || fe.Statement != 1 || fe.Resolve != "" {
		t.Errorf("refusal at line %d, statement %d, resolve %q; want line 2, statement 1, no resolve", fe.Line, fe.Statement, fe.Resolve)
	}
	if rs := rows(t, db); len(rs) != 1 || rs[0].Status != history.StatusRolledBack {
		t.Fatalf("history after the refusal = %v, want the one rolled-back row", statuses(rs))
	}

	db.Exec(t, drop)
	if _, err := Run(ctx, o); err != nil {
		t.Fatalf("after the drop: %v", err)
	}
	if exists, valid := indexValid(t, db, "public.a_x"); !exists || !valid {
		t.Fatalf("index a_x exists=%v valid=%v, want it built", exists, valid)
	}
}

// TestConcurrentIndexLockTimeoutNamesInvalidIndex: CREATE INDEX
// CONCURRENTLY and REINDEX INDEX CONCURRENTLY that time out waiting for an
// older writer leave an INVALID index (a_y; a_x_ccnew for the REINDEX),
// which the error names; an INVALID index that was there before is not
// blamed on them.
func TestConcurrentIndexLockTimeoutNamesInvalidIndex(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE a (x int); INSERT INTO a VALUES (1), (1); CREATE TABLE other (x int); INSERT INTO other VALUES (1), (1)")
	// An INVALID index from before, which the failures must not name.
	conn := db.Conn(t)
	if _, err := conn.Exec(ctx, "CREATE UNIQUE INDEX CONCURRENTLY other_x ON other (x)"); err == nil {
		t.Fatal("building a unique index on duplicates succeeded")
	}
	db.Exec(t, "CREATE INDEX a_x ON a (x)")
	holder := db.Conn(t)
	for _, c := range []struct{ version, sql, want string }{
		{"1", "CREATE INDEX CONCURRENTLY a_y ON a (x)", "public.a_y"},
		{"2", "REINDEX INDEX CONCURRENTLY a_x", "public.a_x_ccnew"},
	} {
		o := opts(db, mkfile(t, "app", c.version, "ddl", "-- dbcd:no-transaction\n"+c.sql+";\n"))
		o.LockTimeout = 300 * time.Millisecond
		if _, err := holder.Exec(ctx, "BEGIN; INSERT INTO a VALUES (2)"); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err := Run(ctx, o)
		if _, err := holder.Exec(ctx, "ROLLBACK"); err != nil {
			t.Fatal(err)
		}
		var fe *FileError
		if !errors.As(err, &fe) || fe.SQLState != "55P03" {
			t.Fatalf("%s: error = %v, want a lock timeout", c.sql, err)
		}
		if !slices.Equal(fe.InvalidIndexes, []string{c.want}) || !strings.Contains(err.Error(), "DROP INDEX CONCURRENTLY IF EXISTS "+c.want+";") {
			t.Errorf("%s: invalid indexes %v in\n%v\nwant [%s] with its DROP", c.sql, fe.InvalidIndexes, err, c.want)
		}
		if fe.Statement != 1 || time.Since(start) > 30*time.Second {
			t.Errorf("%s: statement %d after %s", c.sql, fe.Statement, time.Since(start))
		}
		db.Exec(t, "DROP INDEX CONCURRENTLY IF EXISTS "+c.want)
		if _, err := Resolve(ctx, ResolveOptions{Target: o.Targets[0], Version: c.version, As: history.StatusRolledBack}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDropInFileClearsInvalidIndex: a file that drops the INVALID index
// itself before building it again is not refused.
func TestDropInFileClearsInvalidIndex(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE a (x int); INSERT INTO a VALUES (1), (1)")
	if _, err := db.Conn(t).Exec(ctx, "CREATE UNIQUE INDEX CONCURRENTLY a_x ON a (x)"); err == nil {
		t.Fatal("building a unique index on duplicates succeeded")
	}
	db.Exec(t, "DELETE FROM a; INSERT INTO a VALUES (1)")
	f := mkfile(t, "app", "1", "ddl", "-- dbcd:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS a_x;\nCREATE UNIQUE INDEX CONCURRENTLY a_x ON a (x);\n")
	if _, err := Run(ctx, opts(db, f)); err != nil {
		t.Fatal(err)
	}
	if exists, valid := indexValid(t, db, "public.a_x"); !exists || !valid {
		t.Fatalf("index a_x exists=%v valid=%v, want it rebuilt", exists, valid)
	}
}

func TestInvalidIndexMessages(t *testing.T) {
	fe := &FileError{Path: "m.sql", Line: 2, Column: 1, Statement: 1, Statements: 1, Target: "t1",
		Err: errors.New("boom"), MaybeInvalidIndex: `s."Ix_ccnew"`, Resolve: "dbcd resolve ..."}
	want := "m.sql:2:1: statement 1 of 1 failed on target t1: boom\n" +
		`the session ended during a concurrent index build, which may have left index s."Ix_ccnew" INVALID; ` +
		"check with SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid; and drop it before you resolve or rerun: " +
		`DROP INDEX CONCURRENTLY IF EXISTS s."Ix_ccnew";` + "\nafter fixing the database, run: dbcd resolve ..."
	if got := fe.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	rec := "m.sql:2:1: statement 1 of 1 failed: x\n" + invalidIndexPrefix + "public.a INVALID (...); drop it: D;\nafter fixing..."
	if got, want := invalidIndexNote(rec), "; "+invalidIndexPrefix+"public.a INVALID (...); drop it: D;"; got != want {
		t.Errorf("invalidIndexNote = %q, want %q", got, want)
	}
	if got := invalidIndexNote("plain error"); got != "" {
		t.Errorf("invalidIndexNote of a plain error = %q", got)
	}
}
