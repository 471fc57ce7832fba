// Package live answers the review's live rules (review.Facts) from a
// PostgreSQL database: planner estimates from EXPLAIN, object owners and
// the indexes of the real catalog.
//
// Nothing reviewed is ever executed: statements are only planned, with
// EXPLAIN (FORMAT JSON) and without ANALYZE, inside a transaction that is
// always rolled back, under a short statement_timeout.
package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/review"
)

// DefaultTimeout is the statement_timeout of the queries Facts sends.
const DefaultTimeout = 5 * time.Second

// Facts is a review.Facts on one connection. Its methods are safe for
// concurrent use (they are serialized).
type Facts struct {
	mu      sync.Mutex
	conn    *pgx.Conn
	timeout time.Duration
	secrets []string

	current string
	owners  map[[3]string]string
	indexed map[[3]string]bool
}

var _ review.Facts = (*Facts)(nil)

// Open connects to the database at url. Connection errors have the password
// masked (dbconn.ConnectError).
func Open(ctx context.Context, url string) (*Facts, error) {
	conn, err := dbconn.Connect(ctx, url, dbconn.ConnectOptions{AppName: "dbcd review (live rules)", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	return New(conn, dbconn.Passwords(url)...), nil
}

// New uses conn, which Close closes. Secrets are masked in error messages.
func New(conn *pgx.Conn, secrets ...string) *Facts {
	return &Facts{conn: conn, timeout: DefaultTimeout, secrets: secrets,
		owners: map[[3]string]string{}, indexed: map[[3]string]bool{}}
}

// SetTimeout changes the statement_timeout (DefaultTimeout); d <= 0 keeps
// it.
func (f *Facts) SetTimeout(d time.Duration) {
	if d > 0 {
		f.timeout = d
	}
}

// Close closes the connection.
func (f *Facts) Close(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn == nil {
		return nil
	}
	err := f.conn.Close(ctx)
	f.conn = nil
	return err
}

// inTx runs fn in a transaction with statement_timeout set, and always
// rolls it back.
func (f *Facts) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	if f.conn == nil {
		return errors.New("live database connection is closed")
	}
	tx, err := f.conn.Begin(ctx)
	if err != nil {
		return f.clean(err)
	}
	defer func() { _ = tx.Rollback(context.Background()) }()
	ms := f.timeout.Milliseconds()
	if ms < 1 {
		ms = 1
	}
	if _, err := tx.Exec(ctx, fmt.Sprintf("SET LOCAL statement_timeout = %d", ms)); err != nil {
		return f.clean(err)
	}
	return fn(tx)
}

// clean masks secrets in an error that is not a server error; server
// errors (*pgconn.PgError) are kept so that callers can read them.
func (f *Facts) clean(err error) error {
	var pe *pgconn.PgError
	if err == nil || errors.As(err, &pe) || len(f.secrets) == 0 {
		return err
	}
	return errors.New(dbconn.RedactSecrets(err.Error(), f.secrets...))
}

// Explain plans sql with EXPLAIN (FORMAT JSON) and returns the estimated
// number of rows the statement reads or changes: for INSERT, UPDATE and
// DELETE, the rows of the plan under the ModifyTable node (which itself
// estimates 0). The statement is not executed.
func (f *Facts) Explain(ctx context.Context, sql string) (float64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []byte
	err := f.inTx(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, "EXPLAIN (FORMAT JSON) "+sql).Scan(&out)
	})
	if err != nil {
		return 0, f.clean(err)
	}
	return planRows(out)
}

type plan struct {
	NodeType string  `json:"Node Type"`
	Rows     float64 `json:"Plan Rows"`
	Plans    []plan  `json:"Plans"`
}

// planRows reads the row estimate of an EXPLAIN (FORMAT JSON) output.
func planRows(out []byte) (float64, error) {
	var doc []struct {
		Plan plan `json:"Plan"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		return 0, fmt.Errorf("reading EXPLAIN output: %w", err)
	}
	if len(doc) == 0 {
		return 0, errors.New("EXPLAIN returned no plan")
	}
	p := doc[0].Plan
	if p.NodeType == "ModifyTable" {
		rows := p.Rows
		for _, c := range p.Plans {
			if c.Rows > rows {
				rows = c.Rows
			}
		}
		return rows, nil
	}
	return p.Rows, nil
}

// Owner returns the owner of a table (any relation) or schema, "" when it
// does not exist, and current_user.
func (f *Facts) Owner(ctx context.Context, kind, schema, name string) (string, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := [3]string{kind, schema, name}
	if owner, ok := f.owners[key]; ok {
		return owner, f.current, nil
	}
	var q string
	var args []any
	switch kind {
	case "table":
		q = `SELECT coalesce((SELECT pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = $1 AND c.relname = $2), ''), current_user`
		args = []any{schema, name}
	case "schema":
		q = `SELECT coalesce((SELECT pg_get_userbyid(nspowner) FROM pg_catalog.pg_namespace
			WHERE nspname = $1), ''), current_user`
		args = []any{name}
	default:
		return "", "", fmt.Errorf("unknown object kind %q", kind)
	}
	var owner, current string
	err := f.inTx(ctx, func(tx pgx.Tx) error { return tx.QueryRow(ctx, q, args...).Scan(&owner, &current) })
	if err != nil {
		return "", "", f.clean(err)
	}
	f.owners[key], f.current = owner, current
	return owner, current, nil
}

// Indexed reports whether column is the first key column of an index of
// schema.table.
func (f *Facts) Indexed(ctx context.Context, schema, table, column string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := [3]string{schema, table, column}
	if ok, hit := f.indexed[key]; hit {
		return ok, nil
	}
	const q = `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i
		JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
		WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3)`
	var ok bool
	err := f.inTx(ctx, func(tx pgx.Tx) error { return tx.QueryRow(ctx, q, schema, table, column).Scan(&ok) })
	if err != nil {
		return false, f.clean(err)
	}
	f.indexed[key] = ok
	return ok, nil
}
