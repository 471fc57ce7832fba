package apply

import (
	"context"
	"fmt"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
)

// gate checks after: gating before anything runs: every promoted file (one
// whose path names no stage) that the selected targets receive must be done,
// with the same checksum, on every target of each earlier stage that serves
// its database. The earlier targets' history tables are read without a lock
// and never created. All files are checked, also those already applied
// here: a stage is proof of what ran before it, so a file missing on an
// earlier target (a stage added later, a history table lost) refuses the
// stage until that target catches up.
func gate(ctx context.Context, opts *Options, table history.Table, targets []Target, units []*unit) error {
	var promoted []*unit
	for _, u := range units {
		if u.file.Stage != "" {
			continue
		}
		for _, t := range targets {
			if u.file.DB == "" || u.file.DB == t.DB {
				promoted = append(promoted, u)
				break
			}
		}
	}
	if len(promoted) == 0 {
		return nil
	}
	ge := &GateError{Stage: opts.Stage}
	for _, st := range opts.Earlier {
		for _, t := range st.Targets {
			missing, err := gateTarget(ctx, opts, table, st.Stage, t, promoted)
			if err != nil {
				return fmt.Errorf("checking earlier stage %s, target %s: %w", st.Stage, t.Name, err)
			}
			ge.Missing = append(ge.Missing, missing...)
		}
	}
	if len(ge.Missing) > 0 {
		return ge
	}
	return nil
}

// gateTarget lists the promoted files not done on one earlier target.
func gateTarget(ctx context.Context, opts *Options, table history.Table, stage string, t Target, units []*unit) ([]Missing, error) {
	conn, err := dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{
		AppName: dbconn.AppName("apply gate", opts.Provenance.BuildNumber, opts.Stage), CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	rows, err := history.Rows(ctx, conn, table)
	if err != nil {
		return nil, err
	}
	live := map[history.Key]*history.Row{}
	for i := range rows {
		if rows[i].Status != history.StatusRolledBack {
			live[rows[i].Key()] = &rows[i]
		}
	}
	var out []Missing
	for _, u := range units {
		if u.file.DB != "" && u.file.DB != t.DB {
			continue
		}
		m := Missing{Path: u.file.Path, Stage: stage, Target: t.Name}
		switch r := live[key(u, t)]; {
		case r == nil:
			m.Reason = "not applied"
		case r.Status != history.StatusDone:
			m.Reason = string(r.Status)
		case r.Checksum != u.file.Checksum:
			m.Reason = "applied with a different checksum (" + r.Checksum + ")"
		default:
			continue
		}
		out = append(out, m)
	}
	return out, nil
}
