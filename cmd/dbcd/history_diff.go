package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/drift"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/report"
)

// runHistoryDiff shows the schema change of one version on each target.
// A version applied on no target is a usage error (exit 2); a target that
// could not be read makes the command exit 3 after showing the others.
func runHistoryDiff(ctx context.Context, g *globalOptions, format report.Format, stage string,
	targets []apply.Target, historyTable, version, shadow string) error {
	var views []report.SchemaChangeView
	found, failed := false, false
	for _, t := range targets {
		name := stage + "/" + t.Name
		changes, err := drift.Changes(ctx, drift.ChangeOptions{URL: t.URL, HistoryTable: historyTable, Version: version, Shadow: shadow})
		switch {
		case errors.Is(err, history.ErrNotApplied):
			views = append(views, report.SchemaChangeView{Target: name, Version: version, Note: "not applied on this target: " + err.Error()})
			continue
		case err != nil:
			failed = true
			msg := dbconn.RedactSecrets(err.Error(), append(dbconn.Passwords(t.URL), dbconn.Passwords(shadow)...)...)
			views = append(views, report.SchemaChangeView{Target: name, Version: version, Error: msg})
			continue
		}
		found = true
		for _, c := range changes {
			views = append(views, schemaChangeView(name, c))
		}
	}
	if !found && !failed {
		return &usageError{fmt.Errorf("version %s was not applied on any target of stage %s", version, stage)}
	}
	if err := renderTo(g, format, func(w io.Writer, f report.Format) error {
		if f == report.FormatJSON {
			return report.SchemaChangeJSON(w, views)
		}
		return report.SchemaChangeText(w, views, g.io.ColorEnabled() && w == g.io.Out)
	}); err != nil {
		return err
	}
	if failed {
		return &reportedError{code: exitRuntime, msg: "a target could not be read"}
	}
	return nil
}

// schemaChangeView turns the schema change of an applied migration into
// the view report.SchemaChangeText and report.SchemaChangeJSON render.
func schemaChangeView(target string, c drift.MigrationChange) report.SchemaChangeView {
	v := report.SchemaChangeView{Target: target, Path: c.Row.Path, Version: c.Row.Version, Type: c.Row.Type,
		Available: c.Available(), Exact: c.Exact(), Note: c.Note(), Changes: schemaObjectChanges(c.Diff)}
	switch {
	case c.From != nil && c.From.Accepted != "":
		v.From = fmt.Sprintf("schema accepted after version %s (%s)", c.From.Version, c.From.Type)
	case c.From != nil:
		v.From = fmt.Sprintf("schema after version %s (%s)", c.From.Version, c.From.Type)
	default:
		v.From = "empty schema (before the first migration on this target)"
	}
	if c.To != nil {
		v.To = fmt.Sprintf("schema after version %s (%s)", c.To.Version, c.To.Type)
	} else {
		v.To = "unknown (no snapshot)"
	}
	return v
}

// schemaObjectChanges turns a structural diff into the object lines of a
// report.SchemaChangeView, with the unified diff of each object's SQL.
func schemaObjectChanges(d pgschema.Diff) []report.SchemaObjectChange {
	out := make([]report.SchemaObjectChange, 0, len(d.Changes))
	for _, c := range d.Changes {
		out = append(out, report.SchemaObjectChange{Kind: c.Kind, Name: c.Name, Op: c.Op, Summary: c.Summary(), Diff: c.UnifiedDiff()})
	}
	return out
}
