package apply

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/source"
)

// startKeyProxy forwards TCP connections to upstream, replacing the
// process id of the cancel key the server sends (BackendKeyData) with one
// of its own, as session-mode pools such as PgBouncer do. It returns URL
// rewritten to go through it (with sslmode=disable, so that the proxy
// reads the messages). It stops when tb ends.
func startKeyProxy(tb testing.TB, raw string) string {
	tb.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	upstream := u.Host
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", upstream)
			if err != nil {
				_ = c.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, c, s)
			mu.Unlock()
			wg.Add(2)
			go func() { defer wg.Done(); _, _ = io.Copy(s, c); _ = s.Close() }()
			go func() { defer wg.Done(); rewriteKeys(c, s); _ = c.Close() }()
		}
	}()
	tb.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	u.Host = ln.Addr().String()
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String()
}

// rewriteKeys copies the server's messages to the client, flipping a high
// bit of the process id in BackendKeyData.
func rewriteKeys(dst io.Writer, src io.Reader) {
	head := make([]byte, 5)
	for {
		if _, err := io.ReadFull(src, head); err != nil {
			return
		}
		body := make([]byte, binary.BigEndian.Uint32(head[1:])-4)
		if _, err := io.ReadFull(src, body); err != nil {
			return
		}
		if head[0] == 'K' && len(body) >= 4 {
			binary.BigEndian.PutUint32(body, binary.BigEndian.Uint32(body)^0x40000000)
		}
		if _, err := dst.Write(append(head, body...)); err != nil {
			return
		}
	}
}

// TestCheckSessionUsesTheServerProcess: on a direct session the cancel key
// names the server process and the second connection is skipped; behind a
// pool that issues its own keys the full check runs, passes (the pool
// keeps the session on one process), and the session guard checks the
// server's process, not the pool's key, so that files apply.
func TestCheckSessionUsesTheServerProcess(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	o := opts(db)
	direct, err := connect(ctx, &o, o.Targets[0])
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = direct.Close(ctx) }()
	pid, err := checkSession(ctx, direct, &o, o.Targets[0])
	if err != nil || pid != direct.PgConn().PID() {
		t.Fatalf("direct session: pid %d, err %v; want the key's %d", pid, err, direct.PgConn().PID())
	}

	o.Targets[0].URL = startKeyProxy(t, db.URL())
	pooled, err := connect(ctx, &o, o.Targets[0])
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = pooled.Close(ctx) }()
	var server uint32
	if err := pooled.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&server); err != nil {
		t.Fatal(err)
	}
	pid, err = checkSession(ctx, pooled, &o, o.Targets[0])
	if err != nil || pid != server || pid == pooled.PgConn().PID() {
		t.Fatalf("behind the pool: pid %d, err %v; want the server's %d, not the key's %d", pid, err, server, pooled.PgConn().PID())
	}

	o.Files = []*source.File{
		mkfile(t, "app", "1", "ddl", "CREATE TABLE a (id int);"),
		mkfile(t, "app", "2", "ddl", "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);"),
	}
	if _, err := Run(ctx, o); err != nil {
		t.Fatalf("apply behind a session-mode pool: %v", err)
	}
}

// TestCheckSessionSetsCheckInterval: the session apply opens gets its
// client_connection_check_interval from checkSession's query, before the
// lock is taken.
func TestCheckSessionSetsCheckInterval(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	o := opts(db)
	conn, err := connect(ctx, &o, o.Targets[0])
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	if checkIntervalSQL(conn) == "" {
		t.Skip("PostgreSQL before 14 has no client_connection_check_interval")
	}
	if _, err := checkSession(ctx, conn, &o, o.Targets[0]); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := conn.QueryRow(ctx, "SELECT current_setting('client_connection_check_interval')").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "1s" {
		t.Errorf("client_connection_check_interval = %q, want 1s", got)
	}
}
