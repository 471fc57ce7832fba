// Package drift finds schema changes made outside dbcd: it compares a
// target's live schema with the schema dbcd expects there (the snapshot it
// recorded after its last apply, or the LATEST file in git), structurally,
// so that object order, OIDs and dump formatting never raise an alarm.
package drift

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
)

// Baselines: what the live schema is compared with.
const (
	AgainstHistory = "history"
	AgainstRepo    = "repo"
)

// Options describe the check of one target.
type Options struct {
	// Name and URL identify the target.
	Name, URL    string
	HistoryTable string
	// Against is AgainstHistory (default) or AgainstRepo.
	Against string
	// Latest is the LATEST file's SQL, used with AgainstRepo and when the
	// target has no snapshot yet; nil when there is none.
	Latest []byte
	// Ignore are drift.ignore patterns.
	Ignore []string
	// Files maps the paths of the migration files in git to their
	// checksums, to report history rows whose files vanished or changed.
	Files map[string]string
}

// Result is the outcome for one target.
type Result struct {
	Target string
	// Baseline says what was compared: "history", "repo" or "none".
	Baseline string
	Diff     pgschema.Diff
	// Issues are dbcd-level problems: failed or running rows, files that
	// vanished or changed since they were applied.
	Issues []string
}

// Drifted reports whether the target differs from what dbcd expects.
func (r *Result) Drifted() bool { return !r.Diff.Empty() || len(r.Issues) > 0 }

// Check compares one target's live schema with its baseline.
func Check(ctx context.Context, o Options) (*Result, error) {
	table, err := history.ParseTable(o.HistoryTable)
	if err != nil {
		return nil, err
	}
	conn, err := dbconn.Connect(ctx, o.URL, dbconn.ConnectOptions{AppName: "dbcd drift", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	res := &Result{Target: o.Name, Baseline: "none"}
	rows, err := history.Rows(ctx, conn, table)
	if err != nil {
		return nil, err
	}
	res.Issues = historyIssues(rows, o.Files)
	opts := pgschema.Options{ExcludeSchemas: []string{table.Schema}}
	live, err := pgschema.Inspect(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	var expected string
	switch {
	case o.Against != AgainstRepo && lastSnapshot(rows) != "":
		res.Baseline = AgainstHistory
		expected, err = history.Snapshot(ctx, conn, table, lastSnapshot(rows))
		if err != nil {
			return nil, err
		}
	case o.Latest != nil:
		res.Baseline = AgainstRepo
		expected = string(o.Latest)
	default:
		return res, nil
	}
	want, err := loadScratch(ctx, conn, o.URL, expected, opts)
	if err != nil {
		return nil, fmt.Errorf("loading the expected schema (%s) into a scratch database: %w", res.Baseline, err)
	}
	res.Diff = pgschema.Compare(want, live).Filter(o.Ignore)
	return res, nil
}

// lastSnapshot is the snapshot of the newest done row that has one.
func lastSnapshot(rows []history.Row) string {
	var best history.Row
	for _, r := range rows {
		if r.Status == history.StatusDone && r.Snapshot != "" && r.ID > best.ID {
			best = r
		}
	}
	return best.Snapshot
}

func historyIssues(rows []history.Row, files map[string]string) []string {
	var out []string
	for _, r := range rows {
		switch r.Status {
		case history.StatusRunning, history.StatusFailed:
			out = append(out, fmt.Sprintf("%s (version %s) is %s: run dbcd resolve once it is fixed", r.Path, r.Version, r.Status))
			continue
		case history.StatusDone:
		default:
			continue
		}
		if files == nil {
			continue
		}
		sum, ok := files[r.Path]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s (version %s) was applied but is no longer in the repository", r.Path, r.Version))
		case sum != r.Checksum:
			out = append(out, fmt.Sprintf("%s (version %s) changed since it was applied (applied %.12s, now %.12s)", r.Path, r.Version, r.Checksum, sum))
		}
	}
	return out
}

// loadScratch creates a scratch database on the target's server, loads sql
// into it, reads its schema and drops it again.
func loadScratch(ctx context.Context, admin *pgx.Conn, url, sql string, opts pgschema.Options) (*pgschema.Schema, error) {
	var buf [6]byte
	if _, err := rand.Read(buf[:]); err != nil {
		return nil, err
	}
	name := "dbcd_scratch_" + hex.EncodeToString(buf[:])
	quoted := pgx.Identifier{name}.Sanitize()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+quoted+" TEMPLATE template0"); err != nil {
		return nil, fmt.Errorf("creating a scratch database (the role needs CREATEDB): %w", err)
	}
	defer func() { _, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+quoted+" WITH (FORCE)") }()
	conn, err := dbconn.ConnectDatabase(ctx, url, name, dbconn.ConnectOptions{AppName: "dbcd drift scratch", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	if _, err := conn.PgConn().Exec(ctx, sql).ReadAll(); err != nil {
		return nil, err
	}
	s, err := pgschema.Inspect(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	return s, nil
}
