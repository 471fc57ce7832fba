package dbconn

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/pgtest"
)

func TestErrorPosition(t *testing.T) {
	text := "SELECT id,\n       nosuch FROM a"
	for _, tc := range []struct {
		pos              int32
		line, col        int
		startLine, start int
	}{
		{0, 4, 3, 4, 3},  // no position: the statement's start
		{1, 4, 3, 4, 3},  // first character
		{8, 4, 10, 4, 3}, // "id" on the first line, shifted by the start column
		{19, 5, 8, 4, 3}, // "nosuch" on the second line
		{99, 4, 3, 4, 3}, // out of range
	} {
		l, c := ErrorPosition(text, tc.startLine, tc.start, tc.pos)
		if l != tc.line || c != tc.col {
			t.Errorf("ErrorPosition(pos %d) = %d:%d, want %d:%d", tc.pos, l, c, tc.line, tc.col)
		}
	}
	// Characters, not bytes.
	if l, c := ErrorPosition("SELECT 'é', x", 1, 1, 13); l != 1 || c != 13 {
		t.Errorf("multi-byte: %d:%d, want 1:13", l, c)
	}
}

func TestConnectSetsSessionAndRedacts(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	conn, err := Connect(ctx, db.URL(), ConnectOptions{AppName: AppName("apply", "42", "prod")})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var app, interval string
	if err := conn.QueryRow(ctx, "SELECT current_setting('application_name'), current_setting('client_connection_check_interval')").Scan(&app, &interval); err != nil {
		t.Fatal(err)
	}
	if app != "dbcd apply #42 prod" || interval != "1s" {
		t.Errorf("application_name = %q, client_connection_check_interval = %q", app, interval)
	}
	pw := db.Cluster().Password()
	bad := strings.Replace(db.URL(), "/"+db.Name(), "/no_such_db", 1)
	_, err = Connect(ctx, bad, ConnectOptions{})
	var ce *ConnectError
	if !errors.As(err, &ce) || strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), "no_such_db") {
		t.Errorf("connect error = %v", err)
	}
	_, err = Connect(ctx, strings.Replace(db.URL(), pw, pw+"x", 1), ConnectOptions{})
	if err == nil || strings.Contains(err.Error(), pw) {
		t.Errorf("wrong password error = %v", err)
	}
}

func TestAcquireLockPollsAndNamesTheHolder(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	open := func() *pgx.Conn {
		c, err := Connect(ctx, db.URL(), ConnectOptions{AppName: "dbcd apply #9 test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(ctx) })
		return c
	}
	a, b := open(), open()
	key := LockKey("dbcd.migration_history")
	release, err := AcquireLock(ctx, a, key, LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var holders []string
	_, err = AcquireLock(ctx, b, key, LockOptions{Wait: 200 * time.Millisecond, OnWait: func(h string) { holders = append(holders, h) }})
	var lte *LockTimeoutError
	if !errors.As(err, &lte) || !errors.Is(err, ErrLockTimeout) || !strings.Contains(lte.Holder, `"dbcd apply #9 test"`) {
		t.Fatalf("error = %v, want a lock timeout naming the holder", err)
	}
	if len(holders) != 1 {
		t.Errorf("OnWait calls = %v, want one", holders)
	}
	if ok, err := HoldsLock(ctx, a, key); err != nil || !ok {
		t.Errorf("HoldsLock(holder) = %v, %v", ok, err)
	}
	// The waiter gets the lock once the holder releases it.
	go func() { time.Sleep(100 * time.Millisecond); _ = release(ctx) }()
	if _, err := AcquireLock(ctx, b, key, LockOptions{Wait: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	// A closed holder frees the lock: nothing stale is left.
	b.Close(ctx)
	c := open()
	if _, err := AcquireLock(ctx, c, key, LockOptions{Wait: 5 * time.Second}); err != nil {
		t.Fatalf("after the holder closed: %v", err)
	}
}

func TestDetectPoolerAcceptsDirectSession(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	open := func(ctx context.Context) (*pgx.Conn, error) { return Connect(ctx, db.URL(), ConnectOptions{}) }
	conn, err := open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if err := DetectPooler(ctx, conn, open); err != nil {
		t.Fatalf("direct session taken for a pooler: %v", err)
	}
	// The guard passes on the session's own process and fails elsewhere.
	var n int
	if err := conn.QueryRow(ctx, "SELECT "+GuardSQL(conn.PgConn().PID())).Scan(&n); err != nil {
		t.Errorf("guard on its own process: %v", err)
	}
	err = conn.QueryRow(ctx, "SELECT "+GuardSQL(conn.PgConn().PID()+1)).Scan(&n)
	if !IsGuardError(err) {
		t.Errorf("guard on another process: %v", err)
	}
}

func TestPoolerEvidence(t *testing.T) {
	for _, tc := range []struct {
		name             string
		pid1, pid2, pid3 int32
		seen2, seen3     string
		want             string
	}{
		{"direct", 1, 2, 1, "", "tok", ""},
		{"idle transaction pool hands the process over", 1, 1, 1, "tok", "tok", "same server process"},
		{"setting leaks to another client", 1, 2, 1, "tok", "tok", "saw a setting"},
		{"busy pool moves the client", 1, 2, 3, "", "", "moved from server process 1 to 3"},
		{"setting lost", 1, 2, 1, "", "", "setting was lost"},
	} {
		got := poolerEvidence("tok", tc.pid1, tc.pid2, tc.seen2, tc.pid3, tc.seen3)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: evidence = %q, want %q", tc.name, got, tc.want)
		}
	}
}
