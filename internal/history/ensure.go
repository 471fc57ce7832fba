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

// createSQL creates the current layout of the history table and its
// snapshot table. %[1]s is the history table, %[2]s the snapshot table,
// %[3]s the index of live rows. A snapshot table left by an older layout
// gets the model column.
const createSQL = `
CREATE TABLE IF NOT EXISTS %[2]s (
  sha256     text PRIMARY KEY,
  content    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  model      bytea
);
ALTER TABLE %[2]s ADD COLUMN IF NOT EXISTS model bytea;
CREATE TABLE %[1]s (
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
);
CREATE UNIQUE INDEX %[3]s ON %[1]s (db, version, type) WHERE status <> 'rolled-back'`

// upgrades holds the steps from each layout to the next: upgrades[0] turns
// layout 1 into layout 2, and so on. Each is a format string like
// createSQL, run as one multi-statement string. The current layout is
// len(upgrades)+1, and createSQL must create it directly.
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
	layout, exists, err := readLayout(ctx, conn, t)
	if err != nil {
		return err
	}
	if exists && layout == Layout() {
		return nil
	}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_catalog.pg_advisory_xact_lock($1)", dbconn.LockKey(t.String()+" layout")); err != nil {
			return err
		}
		layout, exists, err := readLayout(ctx, tx, t)
		if err != nil {
			return err
		}
		switch {
		case !exists:
			return create(ctx, tx, t)
		case layout == 0:
			return fmt.Errorf("table %s exists but is not a dbcd history table (its comment does not name a layout); choose another history.table", t)
		case layout > Layout():
			return fmt.Errorf("history table %s has layout %d, newer than this dbcd understands (%d); upgrade dbcd", t, layout, Layout())
		}
		for v := layout; v < Layout(); v++ {
			if _, err := tx.Exec(ctx, t.format(upgrades[v-1])); err != nil {
				return fmt.Errorf("upgrading to layout %d: %w", v+1, err)
			}
		}
		return setLayout(ctx, tx, t)
	})
	if err != nil {
		return fmt.Errorf("preparing history table %s: %w", t, err)
	}
	return nil
}

// create makes the schema (when missing), the tables and the index.
func create(ctx context.Context, tx pgx.Tx, t Table) error {
	var schemaExists bool
	if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1)", t.Schema).Scan(&schemaExists); err != nil {
		return err
	}
	if !schemaExists {
		// Created only when missing: CREATE SCHEMA IF NOT EXISTS needs the
		// CREATE privilege on the database even when the schema exists.
		if _, err := tx.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{t.Schema}.Sanitize()); err != nil {
			return err
		}
	}
	for _, stmt := range strings.Split(t.format(createSQL), ";\n") {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return err
		}
	}
	return setLayout(ctx, tx, t)
}

// format fills a layout format string with t's names.
func (t Table) format(s string) string {
	return fmt.Sprintf(s, t.Quoted(), t.Snapshots(), t.sibling("live"))
}

func setLayout(ctx context.Context, tx pgx.Tx, t Table) error {
	comment := layoutPrefix + strconv.Itoa(Layout())
	_, err := tx.Exec(ctx, "COMMENT ON TABLE "+t.Quoted()+" IS "+quoteLiteral(comment))
	return err
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
	if comment == nil || !strings.HasPrefix(*comment, layoutPrefix) {
		return 0, true, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(*comment, layoutPrefix))
	if err != nil || n < 1 {
		return 0, true, nil
	}
	return n, true, nil
}

// Exists reports whether t exists.
func Exists(ctx context.Context, q Querier, t Table) (bool, error) {
	_, exists, err := readLayout(ctx, q, t)
	return exists, err
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
