package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/drift"
	"github.com/dbcd/dbcd/internal/report"
)

type driftOptions struct {
	g          *globalOptions
	stage      string
	target     string
	against    string
	shadow     string
	accept     bool
	reason     string
	noInsights bool
}

func newDriftCmd(g *globalOptions) *cobra.Command {
	opts := &driftOptions{g: g}
	cmd := &cobra.Command{
		Use:   "drift --stage S",
		Short: "Detect schema changes made outside dbcd",
		Long: `Compare each target's live schema with what dbcd expects there: by default the
schema snapshot dbcd apply recorded after its last run (--against history), or the
stage's LATEST file in git (--against repo; also used when a target has no
snapshot yet). When the live schema dumps to exactly the expected bytes there is
no drift and nothing more to do; otherwise the expected schema is loaded into a
scratch database on the same server (the role needs CREATEDB), or with --shadow
URL into that database (when its role may create databases, a scratch database
is created there and dropped after; otherwise the database itself is used, if it
is empty, and emptied again after), and both are compared object by object, so
creation order, OIDs and formatting never count as drift. drift.ignore patterns
hide objects. Failed or running migrations and applied files that vanished or
changed in git are reported too.

Exit codes: 0 no drift, 1 a target drifted, 3 a target could not be checked (the
others are still checked).`,
		Example: "  dbcd drift --stage prod\n  dbcd drift --stage prod --against repo --format junit --output test-results/drift.xml",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDrift(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.stage, "stage", "", "the stage to check (required)")
	f.StringVar(&opts.target, "target", "", "check this target only")
	f.StringVar(&opts.against, "against", drift.AgainstHistory, "expected schema: history (the snapshot of the last apply) or repo (the LATEST file)")
	f.StringVar(&opts.shadow, "shadow", "", "load the expected schema into this database instead of a scratch database on the target's server")
	f.BoolVar(&opts.noInsights, "no-insights", false, "do not publish a Code Insights report in Bitbucket Pipelines")
	f.BoolVar(&opts.accept, "accept", false, "record the target's live schema as the expected one (after a deliberate out-of-band change); needs --target and --reason")
	f.StringVar(&opts.reason, "reason", "", "why the drift is accepted (recorded in the history)")
	_ = cmd.MarkFlagRequired("stage")
	return cmd
}

func runAccept(ctx context.Context, opts *driftOptions) error {
	g := opts.g
	if opts.target == "" || opts.reason == "" {
		return &usageError{errors.New("--accept needs --target NAME and --reason TEXT")}
	}
	cfg, err := g.loadConfigForStage(opts.stage)
	if err != nil {
		return err
	}
	stage, _ := cfg.Stage(opts.stage)
	for _, t := range targetsOf(stage) {
		if t.Name != opts.target {
			continue
		}
		sum, err := drift.Accept(ctx, t.URL, cfg.History.Table, provenance(g.getenv).AppliedBy, opts.reason)
		if err != nil {
			return err
		}
		fmt.Fprintf(g.io.Out, "accepted the live schema of %s/%s as expected (snapshot %.12s)\n", stage.Name, t.Name, sum)
		return nil
	}
	return &usageError{fmt.Errorf("--target %q: stage %s has no such target", opts.target, stage.Name)}
}

func runDrift(ctx context.Context, opts *driftOptions) error {
	g := opts.g
	if opts.accept {
		return runAccept(ctx, opts)
	}
	if opts.against != drift.AgainstHistory && opts.against != drift.AgainstRepo {
		return &usageError{fmt.Errorf("--against %q: use history or repo", opts.against)}
	}
	format, err := report.ParseFormat(g.format, report.FormatText, report.FormatJSON, report.FormatJUnit)
	if err != nil {
		return &usageError{err}
	}
	cfg, err := g.loadConfigForStage(opts.stage)
	if err != nil {
		return err
	}
	stage, _ := cfg.Stage(opts.stage)
	files := map[string]string{}
	if tree, err := loadTree(ctx, cfg); tree != nil {
		for _, f := range tree.ForStage(stage.Name) {
			files[f.Path] = f.Checksum
		}
	} else if err != nil {
		return err
	}
	view := report.DriftView{Stage: stage.Name}
	drifted, failed, found := false, false, false
	for _, t := range targetsOf(stage) {
		if opts.target != "" && t.Name != opts.target {
			continue
		}
		found = true
		o := drift.Options{Name: t.Name, URL: t.URL, HistoryTable: cfg.History.Table, Against: opts.against,
			Ignore: cfg.Drift.Ignore, Files: files, Shadow: opts.shadow}
		if p, err := schemaPath(cfg, stage.Name, t.DB); err == nil {
			if data, err := os.ReadFile(filepath.Join(cfg.Root, filepath.FromSlash(p))); err == nil {
				o.Latest = data
			} else if !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		tv := report.DriftTargetView{Name: t.Name, Changes: []report.DriftChangeView{}, Issues: []string{}}
		res, err := drift.Check(ctx, o)
		if err != nil {
			failed = true
			tv.Error = dbconn.RedactSecrets(err.Error(), append(dbconn.Passwords(t.URL), dbconn.Passwords(opts.shadow)...)...)
			view.Targets = append(view.Targets, tv)
			continue
		}
		tv.Baseline, tv.Drifted = res.Baseline, res.Drifted()
		tv.Issues = append(tv.Issues, res.Issues...)
		for _, c := range res.Diff.Changes {
			tv.Changes = append(tv.Changes, report.DriftChangeView{Kind: c.Kind, Name: c.Name, Op: c.Op, Summary: c.Summary(), Diff: c.UnifiedDiff()})
		}
		drifted = drifted || tv.Drifted
		view.Targets = append(view.Targets, tv)
	}
	if !found {
		return &usageError{fmt.Errorf("--target %q: stage %s has no such target", opts.target, stage.Name)}
	}
	if err := renderTo(g, format, func(w io.Writer, f report.Format) error {
		switch f {
		case report.FormatJSON:
			return report.DriftJSON(w, view)
		case report.FormatJUnit:
			return report.DriftJUnit(w, view)
		}
		return report.DriftText(w, view, g.io.ColorEnabled() && w == g.io.Out, g.verbose)
	}); err != nil {
		return err
	}
	if !opts.noInsights {
		publishInsights(ctx, g, "dbcd-drift-"+stage.Name, "dbcd drift "+stage.Name, driftFindings(view), diag.Error)
	}
	switch {
	case drifted:
		return &reportedError{code: exitFailed, msg: "drift found"}
	case failed:
		return &reportedError{code: exitRuntime, msg: "a target could not be checked"}
	}
	return nil
}

// driftFindings turns the drift of each target into findings, for the Code
// Insights report on the commit.
func driftFindings(v report.DriftView) report.Findings {
	r := report.Findings{Title: "drift"}
	for _, t := range v.Targets {
		r.Files = append(r.Files, v.Stage+"/"+t.Name)
		add := func(rule, msg string) {
			r.Findings = append(r.Findings, diag.Finding{Rule: rule, Severity: diag.Error, Category: "drift",
				Message: fmt.Sprintf("%s/%s: %s", v.Stage, t.Name, msg)})
		}
		for _, c := range t.Changes {
			add("drift."+c.Op, c.Summary)
		}
		for _, i := range t.Issues {
			add("drift.history", i)
		}
		if t.Error != "" {
			add("drift.unchecked", t.Error)
		}
	}
	return r
}
