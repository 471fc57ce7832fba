package history

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbcd/dbcd/internal/dbconn"
)

// SnapshotSHA returns the SHA-256 that a snapshot of content is stored
// under: the hex SHA-256 of its bytes, as pgschema's Schema.Hash gives for
// the dump.
func SnapshotSHA(content string) string { return StatementHash(content) }

// PutSnapshot stores content in the snapshot table once per distinct
// content and returns its SHA-256, without linking it to a row. Empty
// content stores nothing and returns "". model, when not nil, is the
// schema model of content serialised (pgschema's MarshalModel), stored
// with it; it replaces the model of a snapshot stored before with none or
// another one (written by another dbcd), and nil keeps what is there.
func PutSnapshot(ctx context.Context, q Querier, t Table, content string, model []byte) (string, error) {
	if strings.TrimSpace(content) == "" {
		return "", nil
	}
	sum := SnapshotSHA(content)
	if _, err := q.Exec(ctx, putSQL(t), sum, content, model); err != nil {
		return "", fmt.Errorf("storing a schema snapshot in %s: %w", t.Snapshots(), err)
	}
	return sum, nil
}

// putSQL stores a snapshot ($1 its SHA-256, $2 its content, $3 its model).
func putSQL(t Table) string {
	return "INSERT INTO " + t.Snapshots() + ` AS s (sha256, content, model) VALUES ($1, $2, $3)
ON CONFLICT (sha256) DO UPDATE SET model = EXCLUDED.model
WHERE EXCLUDED.model IS NOT NULL AND s.model IS DISTINCT FROM EXCLUDED.model`
}

// linkSQL links snapshot $4 to the done row of file ($1, $2, $3).
func linkSQL(t Table) string {
	return "UPDATE " + t.Quoted() + ` SET snapshot_sha256 = $4
WHERE db = $1 AND version = $2 AND type = $3 AND status = 'done'`
}

// Batcher sends a pipelined batch: a *pgx.Conn or a pgx.Tx.
type Batcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// PutLinkSnapshot does what PutSnapshot and then LinkSnapshot do, in one
// round trip: it stores content (once per distinct content, with model as
// for PutSnapshot) and links it to the done row of file k. Blank content
// stores nothing and is refused.
func PutLinkSnapshot(ctx context.Context, q Batcher, t Table, k Key, content string, model []byte) (string, error) {
	if strings.TrimSpace(content) == "" {
		return "", fmt.Errorf("storing a schema snapshot in %s: the schema dump is empty", t.Snapshots())
	}
	sum := SnapshotSHA(content)
	b := &pgx.Batch{}
	b.Queue(putSQL(t), sum, content, model).Exec(func(pgconn.CommandTag) error { return nil })
	var linked int64
	b.Queue(linkSQL(t), k.DB, k.Version, k.Type, sum).Exec(func(tag pgconn.CommandTag) error {
		linked = tag.RowsAffected()
		return nil
	})
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return "", fmt.Errorf("storing a schema snapshot in %s: %w", t.Snapshots(), err)
	}
	if linked == 0 {
		return "", fmt.Errorf("linking a schema snapshot in %s: no done row of %s version %s (%s)", t, k.DB, k.Version, k.Type)
	}
	return sum, nil
}

// StoreSnapshot stores a schema snapshot once per distinct content and
// links it to row id as the schema right after that migration; it returns
// the snapshot's SHA-256. Empty content stores nothing; model is as for
// PutSnapshot.
func StoreSnapshot(ctx context.Context, q Querier, t Table, id int64, content string, model []byte) (string, error) {
	sum, err := PutSnapshot(ctx, q, t, content, model)
	if err != nil || sum == "" {
		return "", err
	}
	if _, err := q.Exec(ctx, "UPDATE "+t.Quoted()+" SET snapshot_sha256 = $2 WHERE id = $1", id, sum); err != nil {
		return "", fmt.Errorf("linking a schema snapshot in %s: %w", t, err)
	}
	return sum, nil
}

// LinkSnapshot links the stored snapshot sha to the done row of file k as
// the schema right after that migration. apply calls it after each file,
// having stored the content with PutSnapshot (once per distinct content).
func LinkSnapshot(ctx context.Context, q Querier, t Table, k Key, sha string) error {
	tag, err := q.Exec(ctx, linkSQL(t), k.DB, k.Version, k.Type, sha)
	if err != nil {
		return fmt.Errorf("linking a schema snapshot in %s: %w", t, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("linking a schema snapshot in %s: no done row of %s version %s (%s)", t, k.DB, k.Version, k.Type)
	}
	return nil
}

// Accept stores content as the schema expected on the target from now on
// (after a deliberate change made outside dbcd) and records it, with who
// accepted it and why, on row id, the newest done migration. The row's own
// snapshot, the schema right after the migration, is kept. model is as
// for PutSnapshot.
func Accept(ctx context.Context, q Querier, t Table, id int64, content string, model []byte, by, reason string) (string, error) {
	sum, err := PutSnapshot(ctx, q, t, content, model)
	if err != nil {
		return "", err
	}
	var sha any
	if sum != "" {
		sha = sum
	}
	if _, err := q.Exec(ctx, "UPDATE "+t.Quoted()+` SET accepted_sha256 = $2, accepted_by = $3, accepted_reason = $4,
  accepted_at = pg_catalog.clock_timestamp() WHERE id = $1`, id, sha, by, reason); err != nil {
		return "", fmt.Errorf("recording the accepted schema in %s: %w", t, err)
	}
	return sum, nil
}

// Snapshot returns the content of the snapshot with the given SHA-256.
func Snapshot(ctx context.Context, q Querier, t Table, sha string) (string, error) {
	var content string
	if err := q.QueryRow(ctx, "SELECT content FROM "+t.Snapshots()+" WHERE sha256 = $1", sha).Scan(&content); err != nil {
		return "", fmt.Errorf("reading schema snapshot %.12s: %w", sha, err)
	}
	return content, nil
}

// SnapshotModel returns the serialised schema model stored with the
// snapshot of the given SHA-256, or nil when there is none: the snapshot
// was stored without one (by a dbcd before history layout 3), the table
// has no model column yet (a read-only run on a table no newer dbcd has
// upgraded), there is no snapshot table or the role may not read it, or
// there is no such snapshot. The caller decodes and checks
// it, and loads the snapshot's SQL when it cannot use it.
func SnapshotModel(ctx context.Context, q Querier, t Table, sha string) ([]byte, error) {
	var model []byte
	err := q.QueryRow(ctx, "SELECT model FROM "+t.Snapshots()+" WHERE sha256 = $1", sha).Scan(&model)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, nil
	case err != nil:
		// undefined_column, undefined_table, insufficient_privilege: no
		// model column, no history (a LATEST file compared on a target
		// never applied to), or a role that may not read it.
		if pe := dbconn.PgError(err); pe != nil && (pe.Code == "42703" || pe.Code == "42P01" || pe.Code == "42501") {
			return nil, nil
		}
		return nil, fmt.Errorf("reading the model of schema snapshot %.12s: %w", sha, err)
	}
	return model, nil
}
