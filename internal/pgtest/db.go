package pgtest

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// queryTimeout bounds each statement the helpers run, so that a test waiting
// on a lock fails instead of hanging until the go test timeout.
const queryTimeout = 2 * time.Minute

// DB is a fresh database that belongs to one test.
type DB struct {
	cluster *Cluster
	name    string

	mu   sync.Mutex // guards conn
	conn *pgx.Conn  // opened by the first Exec or QueryValue
}

// New returns a fresh, empty database for t on the test binary's server,
// dropped when t ends. It skips or fails t like Server when no server can
// be had.
func New(t testing.TB) *DB {
	t.Helper()
	return Server(t).NewDB(t)
}

// NewDB creates a fresh, empty database for t from template0, owned by the
// test role, and drops it WITH (FORCE) when t ends.
func (c *Cluster) NewDB(t testing.TB) *DB {
	t.Helper()
	db := &DB{cluster: c, name: databaseName(t.Name())}
	if err := c.createDatabase(db.name); err != nil {
		t.Fatalf("pgtest: creating database %s: %v", db.name, err)
	}
	t.Cleanup(func() {
		db.closeConn()
		if err := c.dropDatabase(db.name); err != nil {
			t.Errorf("pgtest: dropping database %s: %v", db.name, err)
		}
	})
	return db
}

// createDatabase creates an empty database owned by the test role. From
// PostgreSQL 15 on it copies the files of template0 instead of writing them
// to the WAL, which takes about two thirds of the time.
func (c *Cluster) createDatabase(name string) error {
	stmt := "CREATE DATABASE " + quoteIdent(name) + " TEMPLATE template0"
	if c.version >= 150000 {
		stmt += " STRATEGY FILE_COPY"
	}
	if c.owner != "" {
		stmt += " OWNER " + quoteIdent(c.owner)
	}
	return c.adminExec(stmt)
}

// dropDatabase drops a database, ending the sessions still connected to it.
func (c *Cluster) dropDatabase(name string) error {
	return c.adminExec("DROP DATABASE IF EXISTS " + quoteIdent(name) + " WITH (FORCE)")
}

// adminExec runs one statement on the maintenance database as the admin,
// on a connection kept for the next call when the statement succeeds.
func (c *Cluster) adminExec(stmt string) error {
	ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
	defer cancel()
	var conn *pgx.Conn
	select {
	case conn = <-c.idleAdmin:
	default:
		var err error
		if conn, err = connect(ctx, c.adminURL); err != nil {
			return err
		}
	}
	if _, err := conn.Exec(ctx, stmt); err != nil {
		_ = conn.Close(context.Background())
		return err
	}
	select {
	case c.idleAdmin <- conn:
	default:
		_ = conn.Close(context.Background())
	}
	return nil
}

// Name returns the database name.
func (db *DB) Name() string { return db.name }

// URL returns the database's connection URL for the password-authenticated
// test role over TCP.
func (db *DB) URL() string { return withDatabase(db.cluster.url, db.name) }

// AdminURL returns the superuser's connection URL of the database.
func (db *DB) AdminURL() string { return withDatabase(db.cluster.adminURL, db.name) }

// Cluster returns the server the database lives on.
func (db *DB) Cluster() *Cluster { return db.cluster }

// Conn opens a new connection to the database as the test role, closed when
// t ends. Unlike the connection behind Exec, it belongs to the caller alone.
func (db *DB) Conn(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
	defer cancel()
	conn, err := connect(ctx, db.URL())
	if err != nil {
		t.Fatalf("pgtest: connecting to %s: %v", db.name, err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

// Exec runs sql on the database and fails t on error. Without args, sql may
// hold several statements separated by semicolons.
func (db *DB) Exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	err := db.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, sql, args...)
		return err
	})
	if err != nil {
		t.Fatalf("pgtest: %s: %v", abbreviate(sql), err)
	}
}

// QueryValue runs a query that returns one row of one column, scans it
// into a T and fails t on error, including when there is no row.
func QueryValue[T any](t testing.TB, db *DB, sql string, args ...any) T {
	t.Helper()
	var v T
	err := db.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		return conn.QueryRow(ctx, sql, args...).Scan(&v)
	})
	if err != nil {
		t.Fatalf("pgtest: %s: %v", abbreviate(sql), err)
	}
	return v
}

// withConn runs f on the database's shared connection, opening it first.
func (db *DB) withConn(f func(context.Context, *pgx.Conn) error) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
	defer cancel()
	if db.conn == nil {
		conn, err := connect(ctx, db.URL())
		if err != nil {
			return err
		}
		db.conn = conn
	}
	return f(ctx, db.conn)
}

// closeConn closes the shared connection, if it was opened.
func (db *DB) closeConn() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.conn != nil {
		_ = db.conn.Close(context.Background())
		db.conn = nil
	}
}

// maxIdentLen is PostgreSQL's NAMEDATALEN-1, the longest identifier in bytes.
const maxIdentLen = 63

var (
	// runTag tells apart databases of concurrent test binaries on one
	// external server.
	runTag = newRunTag()
	// dbSeq tells apart databases of one test binary.
	dbSeq atomic.Uint64
)

func newRunTag() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)
}

// databaseName derives a database name from a test name: lower case,
// [a-z0-9_] only, truncated so that a unique suffix fits in 63 bytes.
func databaseName(testName string) string {
	suffix := "_" + runTag + "_" + strconv.FormatUint(dbSeq.Add(1), 10)
	var b strings.Builder
	lastUnderscore := false
	for _, r := range strings.ToLower(testName) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		switch {
		case ok:
			b.WriteRune(r)
			lastUnderscore = false
		case !lastUnderscore && b.Len() > 0:
			b.WriteByte('_')
			lastUnderscore = true
		}
	}
	base := strings.TrimRight(b.String(), "_")
	if base == "" {
		base = "test"
	}
	if len(base) > maxIdentLen-len(suffix) {
		base = strings.TrimRight(base[:maxIdentLen-len(suffix)], "_")
	}
	return base + suffix
}

// quoteIdent quotes an identifier for SQL.
func quoteIdent(s string) string { return pgx.Identifier{s}.Sanitize() }

// abbreviate shortens sql for an error message.
func abbreviate(sql string) string {
	s := strings.Join(strings.Fields(sql), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:77]) + "..."
	}
	return s
}
