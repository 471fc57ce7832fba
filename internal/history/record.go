package history

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// insertColumns are the columns a new row sets; insertArgs gives the values.
const insertColumns = `db, version, type, description, path, checksum, statements, no_transaction,
  statements_total, statements_applied, statement_hashes, status, stage, target, applied_by,
  commit_sha, branch, build_number, pipeline_uuid, step_uuid, dbcd_version, error`

const insertParams = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22`

func (r *Row) insertArgs() []any {
	hashes := r.StatementHashes
	if hashes == nil {
		hashes = []string{}
	}
	return []any{r.DB, r.Version, r.Type, r.Description, r.Path, r.Checksum, r.Statements,
		r.NoTransaction, r.StatementsTotal, r.StatementsApplied, hashes, string(r.Status),
		r.Stage, r.Target, r.AppliedBy, r.Commit, r.Branch, r.BuildNumber, r.PipelineUUID,
		r.StepUUID, r.DBCDVersion, r.Error}
}

// InsertFinishedSQL returns the statement and arguments that record r as
// finished (r.Status done or rolled-back) when the enclosing transaction
// started: started_at is the transaction's start and finished_at the
// statement's time. apply queues it, inside a file's transaction, after the
// file's statements, so that the row commits with them.
func InsertFinishedSQL(t Table, r *Row) (string, []any) {
	sql := "INSERT INTO " + t.Quoted() + " (" + insertColumns + `, started_at, finished_at, duration_ms)
VALUES (` + insertParams + `, now(), pg_catalog.clock_timestamp(),
  (extract(epoch FROM pg_catalog.clock_timestamp() - now()) * 1000)::bigint)`
	return sql, r.insertArgs()
}

// InsertFinished records r as finished now, having started at r.StartedAt
// (the zero time means now), outside any file transaction: apply uses it
// for the rolled-back row of a transactional file that failed.
func InsertFinished(ctx context.Context, q Querier, t Table, r *Row) error {
	started := r.StartedAt
	sql := "INSERT INTO " + t.Quoted() + " (" + insertColumns + `, started_at, finished_at, duration_ms)
VALUES (` + insertParams + `, coalesce($23, now()), pg_catalog.clock_timestamp(),
  (extract(epoch FROM pg_catalog.clock_timestamp() - coalesce($23, now())) * 1000)::bigint)`
	var at any
	if !started.IsZero() {
		at = started
	}
	if _, err := q.Exec(ctx, sql, append(r.insertArgs(), at)...); err != nil {
		return fmt.Errorf("recording %s in %s: %w", r.Path, t, err)
	}
	return nil
}

// Start records r as running and returns its id. It runs on its own
// (autocommit), before the first statement of a no-transaction file, so that
// a killed dbcd leaves the row behind.
func Start(ctx context.Context, q Querier, t Table, r *Row) (int64, error) {
	r.Status = StatusRunning
	var id int64
	err := q.QueryRow(ctx, "INSERT INTO "+t.Quoted()+" ("+insertColumns+") VALUES ("+insertParams+") RETURNING id",
		r.insertArgs()...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("recording the start of %s in %s: %w", r.Path, t, err)
	}
	r.ID = id
	return id, nil
}

// Progress records that row id has applied the statements whose hashes are
// given.
func Progress(ctx context.Context, q Querier, t Table, id int64, hashes []string) error {
	_, err := q.Exec(ctx, "UPDATE "+t.Quoted()+" SET statements_applied = $2, statement_hashes = $3 WHERE id = $1",
		id, len(hashes), hashes)
	if err != nil {
		return fmt.Errorf("recording progress in %s: %w", t, err)
	}
	return nil
}

// Finish sets the final status of row id (done or failed) with the error
// text of a failure.
func Finish(ctx context.Context, q Querier, t Table, id int64, status Status, errText string) error {
	_, err := q.Exec(ctx, "UPDATE "+t.Quoted()+` SET status = $2, error = $3, finished_at = pg_catalog.clock_timestamp(),
  duration_ms = (extract(epoch FROM pg_catalog.clock_timestamp() - started_at) * 1000)::bigint WHERE id = $1`,
		id, string(status), errText)
	if err != nil {
		return fmt.Errorf("recording the end of a migration in %s: %w", t, err)
	}
	return nil
}

// ErrNothingToResolve is returned by Resolve when no row of the version is
// running or failed.
var ErrNothingToResolve = errors.New("no running or failed migration of that version")

// Resolve marks the running or failed row of version (of database db, any
// type; db "" matches any) as done or rolled back, recording who did it and
// why, and returns the updated row. A row resolved as done counts as
// applied; one resolved as rolled back lets the next apply run the file
// again.
func Resolve(ctx context.Context, q Querier, t Table, db, version string, as Status, by, reason string) (*Row, error) {
	if as != StatusDone && as != StatusRolledBack {
		return nil, fmt.Errorf("resolve as %q: use done or rolled-back", as)
	}
	rows, err := q.Query(ctx, "UPDATE "+t.Quoted()+` SET status = $3, resolved_by = $4, resolved_reason = $5,
  resolved_at = pg_catalog.clock_timestamp(), finished_at = coalesce(finished_at, pg_catalog.clock_timestamp())
WHERE version = $2 AND ($1 = '' OR db = $1) AND status IN ('running', 'failed') RETURNING id`,
		db, version, string(as), by, reason)
	if err != nil {
		return nil, fmt.Errorf("resolving version %s in %s: %w", version, t, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("resolving version %s in %s: %w", version, t, err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("resolving version %s in %s: %w", version, t, ErrNothingToResolve)
	}
	all, err := Rows(ctx, q, t)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].ID == ids[0] {
			return &all[i], nil
		}
	}
	return nil, fmt.Errorf("resolving version %s in %s: row %d vanished", version, t, ids[0])
}

// StatementHash returns the hex SHA-256 of a statement's text, as stored in
// statement_hashes.
func StatementHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
