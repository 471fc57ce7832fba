package history

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/dbconn"
)

// layoutPrefix starts the table comment that records the layout version.
const layoutPrefix = "dbcd history layout "

// The statements that create the current layout of the history table and
// its snapshot table, in this order. In each, %[1]s is the history table,
// %[2]s the snapshot table, %[3]s the index of live rows.
const (
	// createSnapshotsSQL creates the snapshot table, which another history
	// table in the same schema may share.
	createSnapshotsSQL = `CREATE TABLE IF NOT EXISTS %[2]s (
  sha256     text PRIMARY KEY,
  content    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  model      bytea
)`
	// addModelSQL gives a snapshot table left by an older layout the model
	// column.
	addModelSQL = `ALTER TABLE %[2]s ADD COLUMN IF NOT EXISTS model bytea`
	// createHistorySQL creates the history table.
	createHistorySQL = `CREATE TABLE %[1]s (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  db                 text NOT NULL,
  version            text NOT NULL,
  type               text NOT NULL,
  description        text NOT NULL DEFAULT '',
  path               text NOT NULL,
  checksum           text NOT NULL,
  statements         text NOT NULL,
  no_transaction     boolean NOT NULL DEFAULT false,
  statements_total   integer NOT NULL,
  statements_applied integer NOT NULL DEFAULT 0,
  statement_hashes   text[] NOT NULL DEFAULT '{}',
  status             text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'rolled-back')),
  stage              text NOT NULL DEFAULT '',
  target             text NOT NULL DEFAULT '',
  started_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz,
  duration_ms        bigint,
  applied_by         text NOT NULL DEFAULT '',
  commit_sha         text NOT NULL DEFAULT '',
  branch             text NOT NULL DEFAULT '',
  build_number       text NOT NULL DEFAULT '',
  pipeline_uuid      text NOT NULL DEFAULT '',
  step_uuid          text NOT NULL DEFAULT '',
  dbcd_version       text NOT NULL DEFAULT '',
  error              text NOT NULL DEFAULT '',
  snapshot_sha256    text REFERENCES %[2]s (sha256),
  accepted_sha256    text REFERENCES %[2]s (sha256),
  accepted_by        text NOT NULL DEFAULT '',
  accepted_reason    text NOT NULL DEFAULT '',
  accepted_at        timestamptz,
  resolved_by        text NOT NULL DEFAULT '',
  resolved_reason    text NOT NULL DEFAULT '',
  resolved_at        timestamptz
)`
	// createLiveSQL creates the index that keeps one live row per file.
	createLiveSQL = `CREATE UNIQUE INDEX %[3]s ON %[1]s (db, version, type) WHERE status <> 'rolled-back'`
)

// upgrades holds the steps from each layout to the next: upgrades[0] turns
// layout 1 into layout 2, and so on. Each is a format string like the
// create statements, run as one multi-statement string. The current layout
// is len(upgrades)+1, and the create statements must create it directly.
var upgrades = []string{
	// Layout 2: `drift --accept` records the accepted schema in columns
	// of its own instead of replacing the row's snapshot (the schema right
	// after the migration, which `history --diff` shows) and its resolve
	// columns. Rows accepted under layout 1 move over; their original
	// snapshot is lost, so it is cleared rather than left wrong.
	`ALTER TABLE %[1]s
  ADD COLUMN accepted_sha256 text REFERENCES %[2]s (sha256),
  ADD COLUMN accepted_by text NOT NULL DEFAULT '',
  ADD COLUMN accepted_reason text NOT NULL DEFAULT '',
  ADD COLUMN accepted_at timestamptz;
UPDATE %[1]s SET accepted_sha256 = snapshot_sha256, accepted_by = resolved_by,
  accepted_reason = substr(resolved_reason, 17), accepted_at = resolved_at,
  snapshot_sha256 = NULL, resolved_by = '', resolved_reason = '', resolved_at = NULL
WHERE resolved_reason LIKE 'drift accepted: %%'`,
	// Layout 3: each snapshot may carry its schema model, serialised
	// (pgschema's MarshalModel), so that drift and history --diff compare
	// models without loading the SQL into a scratch database. Snapshots
	// stored before have none (NULL) and are loaded as before. The
	// snapshot table may be shared, and so already have the column.
	`ALTER TABLE %[2]s ADD COLUMN IF NOT EXISTS model bytea`,
}

// Layout returns the layout version this dbcd creates and understands.
func Layout() int { return len(upgrades) + 1 }

// Ensure creates the history table t, its schema and its snapshot table when
// they are missing, and upgrades the table in place when it has an older
// layout. It refuses a table of a newer layout, and a table of that name
// that dbcd did not create. When the table is current it only reads the
// catalog; otherwise the work is one transaction under a transaction-level
// advisory lock, so concurrent callers do it once.
func Ensure(ctx context.Context, conn *pgx.Conn, t Table) error {
	_, err := EnsureTable(ctx, conn, t)
	return err
}

// EnsureTable is Ensure, also reporting whether this call created the
// table, which then has no rows yet. A current table costs one round trip;
// creating or upgrading one costs three: the catalog read, then the lock
// and a second read in one batch, then the DDL and the commit in another.
func EnsureTable(ctx context.Context, conn *pgx.Conn, t Table) (created bool, err error) {
	layout, exists, err := readLayout(ctx, conn, t)
	if err != nil {
		return false, err
	}
	if exists && layout == Layout() {
		return false, nil
	}
	created, err = change(ctx, conn, t)
	if conn.PgConn().TxStatus() != 'I' && !conn.IsClosed() {
		_, _ = conn.Exec(context.Background(), "ROLLBACK")
	}
	if err != nil {
		return false, fmt.Errorf("preparing history table %s: %w", t, err)
	}
	return created, nil
}

// change creates or upgrades t in one transaction: BEGIN, the advisory
// lock and the state under it in one batch, then the statements that
// state calls for and COMMIT in another. On error the caller rolls back.
func change(ctx context.Context, conn *pgx.Conn, t Table) (created bool, err error) {
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue("SELECT pg_catalog.pg_advisory_xact_lock($1)", dbconn.LockKey(t.String()+" layout"))
	var st state
	b.Queue(stateSQL, t.Schema, t.Name, t.SnapshotTable().Name).QueryRow(func(row pgx.Row) error {
		return row.Scan(&st.exists, &st.comment, &st.schemaExists, &st.snapshotsExist)
	})
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return false, err
	}
	if st.exists {
		return false, st.upgrade(ctx, conn, t)
	}
	b = &pgx.Batch{}
	if !st.schemaExists {
		// Created only when missing: CREATE SCHEMA IF NOT EXISTS needs the
		// CREATE privilege on the database even when the schema exists.
		b.Queue("CREATE SCHEMA " + pgx.Identifier{t.Schema}.Sanitize())
	}
	b.Queue(t.format(createSnapshotsSQL))
	if st.snapshotsExist {
		b.Queue(t.format(addModelSQL))
	}
	b.Queue(t.format(createHistorySQL))
	b.Queue(t.format(createLiveSQL))
	b.Queue(layoutSQL(t))
	b.Queue("COMMIT")
	return true, conn.SendBatch(ctx, b).Close()
}

// stateSQL reads, under the lock, what change needs to know: whether the
// table ($1.$2) exists and its comment, whether its schema exists, and
// whether the snapshot table ($1.$3) exists.
const stateSQL = `
SELECT c.oid IS NOT NULL, pg_catalog.obj_description(c.oid, 'pg_class'),
       EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1),
       EXISTS (SELECT 1 FROM pg_catalog.pg_class s JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
               WHERE sn.nspname = $1 AND s.relname = $3)
FROM (SELECT 1) one
LEFT JOIN (pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace)
  ON n.nspname = $1 AND c.relname = $2`

// state is what stateSQL reads.
type state struct {
	exists, schemaExists, snapshotsExist bool
	comment                              *string
}

// upgrade brings an existing t to the current layout and commits, or
// refuses a table of a newer layout or none.
func (st *state) upgrade(ctx context.Context, conn *pgx.Conn, t Table) error {
	layout := parseLayout(st.comment)
	switch {
	case layout == 0:
		return fmt.Errorf("table %s exists but is not a dbcd history table (its comment does not name a layout); choose another history.table", t)
	case layout > Layout():
		return fmt.Errorf("history table %s has layout %d, newer than this dbcd understands (%d); upgrade dbcd", t, layout, Layout())
	}
	// An upgrade step may hold several statements, which only the simple
	// protocol (Exec without arguments) takes; upgrades are rare.
	for v := layout; v < Layout(); v++ {
		if _, err := conn.Exec(ctx, t.format(upgrades[v-1])); err != nil {
			return fmt.Errorf("upgrading to layout %d: %w", v+1, err)
		}
	}
	if _, err := conn.Exec(ctx, layoutSQL(t)); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, "COMMIT")
	return err
}

// format fills a layout format string with t's names.
func (t Table) format(s string) string {
	return fmt.Sprintf(s, t.Quoted(), t.Snapshots(), t.sibling("live"))
}

// layoutSQL records the current layout in t's comment.
func layoutSQL(t Table) string {
	return "COMMENT ON TABLE " + t.Quoted() + " IS " + quoteLiteral(layoutPrefix+strconv.Itoa(Layout()))
}

// readLayout returns the layout recorded on t, 0 when the table exists
// without one, and whether it exists.
func readLayout(ctx context.Context, q Querier, t Table) (layout int, exists bool, err error) {
	var comment *string
	err = q.QueryRow(ctx, `
SELECT pg_catalog.obj_description(c.oid, 'pg_class')
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2`, t.Schema, t.Name).Scan(&comment)
	if err == pgx.ErrNoRows {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("reading history table %s: %w", t, err)
	}
	return parseLayout(comment), true, nil
}

// parseLayout reads the layout from a table comment, 0 when it names none.
func parseLayout(comment *string) int {
	if comment == nil || !strings.HasPrefix(*comment, layoutPrefix) {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimPrefix(*comment, layoutPrefix))
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// Exists reports whether t exists.
func Exists(ctx context.Context, q Querier, t Table) (bool, error) {
	_, exists, err := readLayout(ctx, q, t)
	return exists, err
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
