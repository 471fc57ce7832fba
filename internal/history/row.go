package history

import (
	"context"
	"fmt"
	"time"
)

// Status is the state of a history row.
type Status string

// The statuses of a history row.
const (
	// StatusRunning marks a no-transaction file that started and has not
	// finished; left behind when dbcd was killed or lost its session.
	StatusRunning Status = "running"
	// StatusDone marks a file fully applied (or resolved as done).
	StatusDone Status = "done"
	// StatusFailed marks a no-transaction file that stopped at a failing
	// statement; the statements before it stay applied.
	StatusFailed Status = "failed"
	// StatusRolledBack marks an attempt that left nothing behind: a
	// transactional file whose transaction was rolled back, or a failed
	// file resolved as rolled back by a person.
	StatusRolledBack Status = "rolled-back"
)

// Row is one row of the history table.
type Row struct {
	ID          int64
	DB          string
	Version     string
	Type        string
	Description string
	Path        string
	Checksum    string
	// Statements is the file's SQL as applied.
	Statements    string
	NoTransaction bool
	// StatementsTotal and StatementsApplied count the file's statements
	// and those applied (for a transactional file, all or none).
	StatementsTotal   int
	StatementsApplied int
	// StatementHashes holds the hex SHA-256 of each applied statement of a
	// no-transaction file, in order.
	StatementHashes []string
	Status          Status
	Stage           string
	Target          string
	StartedAt       time.Time
	FinishedAt      *time.Time
	Duration        *time.Duration
	Provenance
	Error string
	// Snapshot is the SHA-256 of the schema snapshot taken right after the
	// migration, "" when none was stored (see Changes).
	Snapshot string
	// Accepted is the SHA-256 of the live schema that `dbcd drift --accept`
	// recorded as expected after this row (the newest done row at the
	// time), with who accepted it, why and when; "" when none.
	Accepted       string
	AcceptedBy     string
	AcceptedReason string
	AcceptedAt     *time.Time
	ResolvedBy     string
	ResolvedReason string
	ResolvedAt     *time.Time
}

// Provenance says who and what applied a file.
type Provenance struct {
	// AppliedBy is the Bitbucket step triggerer, or the OS user outside CI.
	AppliedBy    string
	Commit       string
	Branch       string
	BuildNumber  string
	PipelineUUID string
	StepUUID     string
	// DBCDVersion is the version of dbcd that wrote the row.
	DBCDVersion string
}

// Expected returns the SHA-256 of the schema dbcd expects on the target
// right after this row: the accepted schema when drift was accepted on it,
// else its own snapshot; "" when neither was recorded.
func (r *Row) Expected() string {
	if r.Accepted != "" {
		return r.Accepted
	}
	return r.Snapshot
}

// Key identifies the file a row is about within one target.
func (r *Row) Key() Key { return Key{DB: r.DB, Version: r.Version, Type: r.Type} }

// Key identifies a migration file within one target: one database may have
// one file per version and type.
type Key struct{ DB, Version, Type string }

// columns are the columns Rows reads, in Row's order.
const columns = `id, db, version, type, description, path, checksum, statements, no_transaction,
  statements_total, statements_applied, statement_hashes, status, stage, target, started_at,
  finished_at, duration_ms, applied_by, commit_sha, branch, build_number, pipeline_uuid, step_uuid,
  dbcd_version, error, coalesce(snapshot_sha256, ''), coalesce(accepted_sha256, ''), accepted_by,
  accepted_reason, accepted_at, resolved_by, resolved_reason, resolved_at`

// Rows returns every row of t in the order they were written. A missing
// table has no rows.
func Rows(ctx context.Context, q Querier, t Table) ([]Row, error) {
	exists, err := Exists(ctx, q, t)
	if err != nil || !exists {
		return nil, err
	}
	return ExistingRows(ctx, q, t)
}

// ExistingRows returns every row of t, which the caller knows exists (it
// called Ensure), in the order they were written: Rows without the catalog
// read before.
func ExistingRows(ctx context.Context, q Querier, t Table) ([]Row, error) {
	rows, err := q.Query(ctx, "SELECT "+columns+" FROM "+t.Quoted()+" ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", t, err)
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		var status string
		var ms *int64
		err := rows.Scan(&r.ID, &r.DB, &r.Version, &r.Type, &r.Description, &r.Path, &r.Checksum,
			&r.Statements, &r.NoTransaction, &r.StatementsTotal, &r.StatementsApplied, &r.StatementHashes,
			&status, &r.Stage, &r.Target, &r.StartedAt, &r.FinishedAt, &ms, &r.AppliedBy, &r.Commit,
			&r.Branch, &r.BuildNumber, &r.PipelineUUID, &r.StepUUID, &r.DBCDVersion, &r.Error, &r.Snapshot,
			&r.Accepted, &r.AcceptedBy, &r.AcceptedReason, &r.AcceptedAt, &r.ResolvedBy, &r.ResolvedReason, &r.ResolvedAt)
		if err != nil {
			return nil, fmt.Errorf("reading history table %s: %w", t, err)
		}
		r.Status = Status(status)
		if ms != nil {
			d := time.Duration(*ms) * time.Millisecond
			r.Duration = &d
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", t, err)
	}
	return out, nil
}
