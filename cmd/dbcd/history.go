package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/user"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/report"
)

func newHistoryCmd(g *globalOptions) *cobra.Command {
	var stageName, target, diffVersion, shadow string
	cmd := &cobra.Command{
		Use:   "history --stage S [--target NAME] [--diff VERSION [--shadow URL]]",
		Short: "Show the migration history recorded on the stage's targets",
		Long: `Show the history table of each target of the stage: what was applied, when, by
whom and from which build.

With --diff VERSION, show instead the schema change that migration made on each
target: the objects it added, removed or changed, with the unified diff of their
SQL, from the schema snapshot dbcd recorded before it (after the previous
migration, or the empty schema before the first) to the one recorded right after
it. A migration applied by an older dbcd (which recorded a snapshot only after the
last file of each run), or in a long run (over 10 files, or once the snapshots of
a run on a large schema have taken 10 s), may have no snapshot of its own: the
change shown then covers the neighbouring migrations too, and says which. Snapshots are loaded into
a scratch database on the target's server (the role needs CREATEDB), or into the
database given with --shadow.`,
		Example: "  dbcd history --stage prod\n  dbcd history --stage prod --target employee --diff 202311012500 --format json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := report.ParseFormat(g.format, report.FormatText, report.FormatJSON)
			if err != nil {
				return &usageError{err}
			}
			if shadow != "" && diffVersion == "" {
				return &usageError{errors.New("--shadow goes with --diff VERSION")}
			}
			cfg, err := g.loadConfigForStage(stageName)
			if err != nil {
				return err
			}
			stage, _ := cfg.Stage(stageName)
			var targets []apply.Target
			for _, t := range targetsOf(stage) {
				if target == "" || t.Name == target {
					targets = append(targets, t)
				}
			}
			if target != "" && len(targets) == 0 {
				return &usageError{fmt.Errorf("--target %q: stage %s has no such target", target, stageName)}
			}
			if diffVersion != "" {
				return runHistoryDiff(cmd.Context(), g, format, stage.Name, targets, cfg.History.Table, diffVersion, shadow)
			}
			type targetRows struct {
				Target string        `json:"target"`
				Rows   []history.Row `json:"rows"`
			}
			var all []targetRows
			for _, t := range targets {
				rows, err := apply.History(cmd.Context(), t, cfg.History.Table)
				if err != nil {
					return fmt.Errorf("target %s: %w", t.Name, err)
				}
				all = append(all, targetRows{Target: t.Name, Rows: rows})
			}
			if format == report.FormatJSON {
				enc := json.NewEncoder(g.io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(all)
			}
			tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
			for _, tr := range all {
				fmt.Fprintf(tw, "target %s\n", tr.Target)
				fmt.Fprintln(tw, "  VERSION\tTYPE\tSTATUS\tSTATEMENTS\tFINISHED\tBY\tBUILD\tFILE")
				for _, r := range tr.Rows {
					fin := "-"
					if r.FinishedAt != nil {
						fin = r.FinishedAt.UTC().Format("2006-01-02 15:04:05")
					}
					fmt.Fprintf(tw, "  %s\t%s\t%s\t%d/%d\t%s\t%s\t%s\t%s\n", r.Version, r.Type, r.Status,
						r.StatementsApplied, r.StatementsTotal, fin, r.AppliedBy, r.BuildNumber, r.Path)
				}
			}
			return tw.Flush()
		},
	}
	f := cmd.Flags()
	f.StringVar(&stageName, "stage", "", "the stage (required)")
	f.StringVar(&target, "target", "", "one target of the stage")
	f.StringVar(&diffVersion, "diff", "", "show the schema change the migration of this version made")
	f.StringVar(&shadow, "shadow", "", "with --diff: load snapshots into this database (an empty one, or a server where the role may create a scratch database)")
	_ = cmd.MarkFlagRequired("stage")
	return cmd
}

func newResolveCmd(g *globalOptions) *cobra.Command {
	var stageName, target, version, as, reason string
	cmd := &cobra.Command{
		Use:   "resolve --stage S --target NAME --version V --as done|rolled-back",
		Short: "Clear a failed no-transaction migration after a person fixed it",
		Long: `A -- dbcd:no-transaction file that failed (or was killed) part-way leaves its
history row running or failed, and every later apply on that target refuses.
After you have finished the file by hand (--as done) or undone what it did
(--as rolled-back), record it here; who and why go into the history row.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st := history.Status(as)
			if st != history.StatusDone && st != history.StatusRolledBack {
				return &usageError{fmt.Errorf("--as %q: use done or rolled-back", as)}
			}
			cfg, err := g.loadConfigForStage(stageName)
			if err != nil {
				return err
			}
			stage, _ := cfg.Stage(stageName)
			var t *apply.Target
			for _, x := range targetsOf(stage) {
				if x.Name == target {
					x := x
					t = &x
				}
			}
			if t == nil {
				return &usageError{fmt.Errorf("--target %q: stage %s has no such target (targets: %s)", target, stageName, strings.Join(targetNames(stage), ", "))}
			}
			by := bitbucket.FromEnv(g.getenv).StepTriggererUUID
			if by == "" {
				if u, err := user.Current(); err == nil {
					by = u.Username
				}
			}
			row, err := apply.Resolve(cmd.Context(), apply.ResolveOptions{
				Target: *t, HistoryTable: cfg.History.Table, Version: version, As: st, By: by, Reason: reason,
				LockWait: cfg.Apply.LockWait.D(), BuildNumber: g.getenv("BITBUCKET_BUILD_NUMBER"),
			})
			if errors.Is(err, history.ErrNothingToResolve) {
				return &usageError{fmt.Errorf("target %s has no running or failed row for version %s", target, version)}
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(g.io.Out, "resolved %s on %s as %s\n", row.Path, target, row.Status)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&stageName, "stage", "", "the stage (required)")
	f.StringVar(&target, "target", "", "the target (required)")
	f.StringVar(&version, "version", "", "the version of the failed file (required)")
	f.StringVar(&as, "as", "", "done or rolled-back (required)")
	f.StringVar(&reason, "reason", "", "why, for the history row")
	for _, n := range []string{"stage", "target", "version", "as"} {
		_ = cmd.MarkFlagRequired(n)
	}
	return cmd
}
