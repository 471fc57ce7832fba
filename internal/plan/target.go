package plan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/review/live"
)

// Fingerprint pins a target's state when the plan was made: apply --plan
// refuses when any of it changed.
type Fingerprint struct {
	// Server identifies the server and database: the cluster's system
	// identifier when the role may read it, else the address.
	Server string `json:"server"`
	// HistoryRows and HistoryDigest summarise the history table.
	HistoryRows   int    `json:"history_rows"`
	HistoryDigest string `json:"history_digest"`
	// SchemaHash is the hash of the deterministic dump of the live schema.
	SchemaHash string `json:"schema_hash"`
}

// takeFingerprint reads a target's identity, history and schema hash.
func takeFingerprint(ctx context.Context, ao apply.Options, t apply.Target) (*Fingerprint, error) {
	table, err := history.ParseTable(ao.HistoryTable)
	if err != nil {
		return nil, err
	}
	conn, err := dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{AppName: "dbcd plan", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	fp := &Fingerprint{}
	if fp.Server, err = serverIdentity(ctx, conn); err != nil {
		return nil, err
	}
	rows, err := history.Rows(ctx, conn, table)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	for _, r := range rows {
		fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d\n", r.ID, r.DB, r.Version, r.Type, r.Status, r.Checksum, r.StatementsApplied)
	}
	fp.HistoryRows, fp.HistoryDigest = len(rows), hex.EncodeToString(h.Sum(nil))[:16]
	s, err := pgschema.Inspect(ctx, conn, pgschema.Options{ExcludeSchemas: []string{table.Schema}})
	if err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	fp.SchemaHash = s.Hash()
	return fp, nil
}

// serverIdentity names the cluster and database: the system identifier when
// the role may read pg_control_system(), else the server address.
func serverIdentity(ctx context.Context, conn *pgx.Conn) (string, error) {
	var db string
	var sysid *string
	err := conn.QueryRow(ctx, `SELECT current_database(),
  CASE WHEN pg_catalog.has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')
       THEN (SELECT system_identifier::text FROM pg_catalog.pg_control_system()) END`).Scan(&db, &sysid)
	if err != nil {
		return "", fmt.Errorf("identifying the server: %w", err)
	}
	if sysid != nil {
		return "system " + *sysid + "/" + db, nil
	}
	cfg := conn.Config()
	return fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, db), nil
}

// dbFacts answers table_rows and affected_rows from a target.
type dbFacts struct {
	conn *pgx.Conn
	ex   *live.Facts
}

// OpenFacts connects to a target for the risk rules' row estimates.
func OpenFacts(ctx context.Context, t apply.Target) (TableFacts, func(), error) {
	conn, err := dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{AppName: "dbcd plan", CheckInterval: -1})
	if err != nil {
		return nil, nil, err
	}
	f := &dbFacts{conn: conn, ex: live.New(conn, dbconn.Passwords(t.URL)...)}
	return f, func() { _ = conn.Close(context.Background()) }, nil
}

// TableRows reads the planner's estimate from pg_class (0 for a table never
// analysed, or one that does not exist yet).
func (f *dbFacts) TableRows(ctx context.Context, schema, name string) (int64, error) {
	q := pgx.Identifier{name}.Sanitize()
	if schema != "" {
		q = pgx.Identifier{schema, name}.Sanitize()
	}
	var n *float64
	if err := f.conn.QueryRow(ctx, `SELECT c.reltuples::float8 FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)`, q).Scan(&n); err != nil {
		if err == pgx.ErrNoRows {
			return 0, nil
		}
		return 0, err
	}
	if n == nil || *n < 0 {
		return 0, nil
	}
	return int64(math.Round(*n)), nil
}

// AffectedRows is EXPLAIN's estimate of the rows a statement touches.
func (f *dbFacts) AffectedRows(ctx context.Context, sql string) (int64, error) {
	rows, err := f.ex.Explain(ctx, sql)
	if err != nil {
		return 0, err
	}
	return int64(math.Round(rows)), nil
}
