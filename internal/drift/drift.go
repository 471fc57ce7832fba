// Package drift finds schema changes made outside dbcd: it compares a
// target's live schema with the schema dbcd expects there (the snapshot it
// recorded after its last apply, or the LATEST file in git), structurally,
// so that object order, OIDs and dump formatting never raise an alarm.
// When the live schema dumps to the very bytes expected, that is the answer
// and nothing is loaded; otherwise the expected model is the one stored
// with the snapshot (pgschema's MarshalModel, history.SnapshotModel) or,
// for a snapshot without a usable one, the expected SQL turned back into a
// model in a throwaway database (Scratch). Changes shows, the same way,
// the schema change an applied migration made, from the snapshots recorded
// before and after it (`dbcd history --diff`).
package drift

import (
	"context"
	"fmt"
	"strings"

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
	// Shadow, when set, is a database where the expected schema is loaded
	// (see Scratch) instead of a scratch database on the target's server.
	Shadow string

	// structural makes tests compare models even when the dumps are the
	// same bytes; loaded, when set, is called whenever the expected SQL
	// is loaded into a scratch database.
	structural bool
	loaded     func()
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
	var expected, sum string
	switch {
	case o.Against != AgainstRepo && lastExpected(rows) != "":
		res.Baseline = AgainstHistory
		sum = lastExpected(rows)
	case o.Latest != nil:
		res.Baseline = AgainstRepo
		expected = strings.ReplaceAll(string(o.Latest), "\r\n", "\n")
		sum = history.SnapshotSHA(expected)
	default:
		return res, nil
	}
	// The dump is deterministic: when the live schema dumps to the very
	// bytes expected, the models are equal and nothing needs loading. A
	// dump written by another dbcd version (or server major version)
	// differs in bytes only, and goes on to the structural comparison.
	if history.SnapshotSHA(string(live.Dump())) == sum && !o.structural {
		return res, nil
	}
	// The model stored with the snapshot, when usable, saves loading the
	// SQL into a scratch database. A LATEST file that is a stored dump
	// has one too.
	e := expectation{conn: conn, table: table, scratch: newScratch(o.URL, o.Shadow), opts: opts, loaded: o.loaded}
	want, err := e.model(ctx, sum, expected)
	if err != nil {
		return nil, fmt.Errorf("reading the expected schema (%s): %w", res.Baseline, err)
	}
	res.Diff = pgschema.Compare(want, live).Filter(o.Ignore)
	return res, nil
}

// lastExpected is the schema expected after the newest done row that has
// one: the schema accepted there, or its snapshot.
func lastExpected(rows []history.Row) string {
	var best history.Row
	for _, r := range rows {
		if r.Status == history.StatusDone && r.Expected() != "" && r.ID > best.ID {
			best = r
		}
	}
	return best.Expected()
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
