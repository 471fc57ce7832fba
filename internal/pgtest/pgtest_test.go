package pgtest_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbcd/dbcd/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestNewGivesEachCallItsOwnDatabase(t *testing.T) {
	a, b := pgtest.New(t), pgtest.New(t)
	if a.Name() == b.Name() {
		t.Fatalf("both databases are named %q", a.Name())
	}
	for _, db := range []*pgtest.DB{a, b} {
		if got := pgtest.QueryValue[string](t, db, "SELECT current_database()"); got != db.Name() {
			t.Errorf("current_database() = %q, want %q", got, db.Name())
		}
		if got := pgtest.QueryValue[int64](t, db, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"); got != 0 {
			t.Errorf("new database %s has %d relations in public, want 0", db.Name(), got)
		}
	}
}

func TestTablesDoNotLeakBetweenDatabases(t *testing.T) {
	a, b := pgtest.New(t), pgtest.New(t)
	a.Exec(t, "CREATE TABLE employee (id int PRIMARY KEY); INSERT INTO employee VALUES (1), (2)")
	if got := pgtest.QueryValue[int64](t, a, "SELECT count(*) FROM employee"); got != 2 {
		t.Errorf("count in %s = %d, want 2", a.Name(), got)
	}
	if got := pgtest.QueryValue[*string](t, b, "SELECT to_regclass('public.employee')::text"); got != nil {
		t.Errorf("table created in %s is visible in %s as %s", a.Name(), b.Name(), *got)
	}
}

func TestDatabaseIsDroppedAfterTheTest(t *testing.T) {
	var name string
	t.Run("inner", func(t *testing.T) {
		db := pgtest.New(t)
		name = db.Name()
		// An open connection nobody closes must not keep the database alive.
		if _, err := pgx.Connect(context.Background(), db.URL()); err != nil {
			t.Fatal(err)
		}
		if n := countDatabases(t, name); n != 1 {
			t.Fatalf("database %s: found %d during the test, want 1", name, n)
		}
	})
	if n := countDatabases(t, name); n != 0 {
		t.Errorf("database %s still exists after its test ended", name)
	}
}

// countDatabases counts the databases called name, as the admin.
func countDatabases(t *testing.T, name string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.Server(t).AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestURLAuthenticatesWithPasswordOverTCP(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	conn := db.Conn(t)
	var name string
	var addr *string
	if err := conn.QueryRow(ctx, "SELECT current_database(), inet_server_addr()::text").Scan(&name, &addr); err != nil {
		t.Fatal(err)
	}
	if name != db.Name() {
		t.Errorf("URL() connects to database %q, want %q", name, db.Name())
	}
	srv := db.Cluster()
	if srv.External() {
		t.Skip("the rest checks how the private cluster is set up")
	}
	if addr == nil {
		t.Errorf("connection of URL() is not over TCP")
	}
	if srv.Password() == "" || !strings.Contains(db.URL(), ":"+srv.Password()+"@"+srv.HostPort()+"/") {
		t.Fatalf("URL() does not carry the password and TCP address %s", srv.HostPort())
	}
	if got := pgtest.QueryValue[string](t, db, "SELECT current_user"); got != "dbcd_test" {
		t.Errorf("current_user = %q, want dbcd_test", got)
	}

	wrong := strings.Replace(db.URL(), srv.Password(), "wrong-"+srv.Password(), 1)
	_, err := pgx.Connect(ctx, wrong)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "28P01" {
		t.Fatalf("connecting with a wrong password: err = %v, want SQLSTATE 28P01", err)
	}
	if strings.Contains(err.Error(), srv.Password()) {
		t.Errorf("pgx error shows the password: %v", err)
	}
}

func TestTestRoleOwnsItsDatabase(t *testing.T) {
	db := pgtest.New(t)
	if db.Cluster().External() {
		t.Skip("external server: the connecting user owns the database")
	}
	got := pgtest.QueryValue[string](t, db, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
	if got != "dbcd_test" {
		t.Errorf("owner = %q, want dbcd_test", got)
	}
	// The admin URL reaches the same database as a superuser.
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var name string
	var super bool
	if err := conn.QueryRow(ctx, "SELECT current_database(), rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&name, &super); err != nil {
		t.Fatal(err)
	}
	if name != db.Name() || !super {
		t.Errorf("admin connection: database %q superuser %v, want %q true", name, super, db.Name())
	}
}

func TestParallelTestsGetSeparateDatabases(t *testing.T) {
	var names sync.Map
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			db := pgtest.New(t)
			if _, dup := names.LoadOrStore(db.Name(), i); dup {
				t.Errorf("database %s handed out twice", db.Name())
			}
			db.Exec(t, "CREATE TABLE t (n int)")
			db.Exec(t, "INSERT INTO t SELECT generate_series(1, $1::int)", i)
			if got := pgtest.QueryValue[int64](t, db, "SELECT count(*) FROM t"); got != int64(i) {
				t.Errorf("count = %d, want %d", got, i)
			}
		})
	}
}

func TestExecReportsTheFailingStatement(t *testing.T) {
	db := pgtest.New(t)
	rec := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.Exec(rec, "SELECT * FROM no_such_table")
	}()
	<-done
	if !strings.Contains(rec.msg, "no_such_table") || !strings.Contains(rec.msg, "42P01") {
		t.Errorf("Exec failure message = %q, want the statement and SQLSTATE 42P01", rec.msg)
	}
}

// fatalRecorder is a testing.TB whose Fatalf records the message and ends
// the calling goroutine.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
