package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/user"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/buildinfo"
	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/report"
)

type applyOptions struct {
	g          *globalOptions
	stage      string
	target     string
	shard      string
	dryRun     bool
	allowDrift bool
	plan       string
	iAm        string
}

func newApplyCmd(g *globalOptions, runF func(context.Context, *applyOptions) error) *cobra.Command {
	opts := &applyOptions{g: g}
	cmd := &cobra.Command{
		Use:   "apply --stage S",
		Short: "Apply pending migration files to every target of a stage",
		Long: `Apply the stage's pending migration files to each of its target databases, in
version order, with exactly-once semantics recorded in a history table on each
target. One dbcd works on a target at a time (a PostgreSQL advisory lock); others
wait up to apply.lock_wait.

Before anything runs: a file changed since it was applied, an unresolved failed
file, an out-of-order version (per migrations.out_of_order), a promoted file not
yet done on the stages in after:, or review findings at the stage's gate block
the target.

A transactional file runs in one transaction with its history row. A file marked
-- dbcd:no-transaction (or holding statements that cannot run in a transaction)
runs statement by statement; when it fails, later applies refuse until
` + "`dbcd resolve`" + ` records what a person did about it.

Exit codes: 0 done, 1 a migration failed or was blocked, 2 bad configuration or
files, 3 a target could not be reached or stayed locked.`,
		Example: `  dbcd apply --stage test
  dbcd apply --stage prod --dry-run
  dbcd apply --stage prod --shard 2/4 --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runApply(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.stage, "stage", "", "the stage to apply (required)")
	f.StringVar(&opts.target, "target", "", "apply to this target of the stage only")
	f.StringVar(&opts.shard, "shard", "", "`I/N`: apply to the I-th of N slices of the targets (default from BITBUCKET_PARALLEL_STEP in a parallel step)")
	f.BoolVar(&opts.dryRun, "dry-run", false, "show what would run; change nothing")
	f.BoolVar(&opts.allowDrift, "allow-drift", false, "apply even to targets whose schema drifted (apply.on_drift: block), for this run")
	f.StringVar(&opts.plan, "plan", "", "apply only if nothing changed since `FILE` was written by dbcd plan --out")
	f.StringVar(&opts.iAm, "i-am", "", "your Bitbucket account id or {uuid}, for a stage with rollout.manual outside Pipelines (asks for confirmation)")
	_ = cmd.MarkFlagRequired("stage")
	return cmd
}

func runApply(ctx context.Context, opts *applyOptions) error {
	g := opts.g
	format, err := report.ParseFormat(g.format, report.FormatText, report.FormatJSON, report.FormatJUnit)
	if err != nil {
		return &usageError{err}
	}
	cfg, err := g.loadConfigForStage(opts.stage)
	if err != nil {
		return err
	}
	stage, _ := cfg.Stage(opts.stage)
	shard, err := parseShard(opts.shard, g.getenv)
	if err != nil {
		return &usageError{err}
	}
	tree, err := loadTree(ctx, cfg)
	if err != nil {
		return err
	}
	ao := stageApplyOptions(cfg, stage, tree, opts.target, shard, g.getenv)
	ao.DryRun = opts.dryRun
	if opts.target != "" && !hasTarget(stage, opts.target) {
		return &usageError{fmt.Errorf("--target %q: stage %s has no such target (targets: %s)", opts.target, stage.Name, strings.Join(targetNames(stage), ", "))}
	}
	blocked, reviewed, err := reviewGate(ctx, cfg, tree, stage, ao)
	if err != nil {
		return err
	}
	if !opts.dryRun && !opts.allowDrift && cfg.Apply.OnDrift != "ignore" {
		drifted, err := driftGuard(ctx, cfg, ao)
		if err != nil {
			return err
		}
		if cfg.Apply.OnDrift == "warn" {
			for _, d := range drifted {
				fmt.Fprintf(g.io.ErrOut, "warning: %s\n", d)
			}
		} else {
			blocked = append(blocked, drifted...)
		}
	}
	refused, checked, err := rolloutGate(ctx, g, cfg, tree, stage, ao, reviewed, opts)
	if err != nil {
		return err
	}
	ao.Checked = checked
	blocked = append(blocked, refused...)
	if len(blocked) > 0 {
		view := report.ApplyView{Stage: stage.Name, DryRun: opts.dryRun, Blocked: blocked}
		if err := renderApply(g, format, view); err != nil {
			return err
		}
		return &reportedError{code: exitFailed, msg: "blocked by review findings, drift, approvals, the rollout role or a stale plan"}
	}
	var stopProgress func()
	if !g.quiet {
		live := g.io.IsStderrTTY() && g.getenv("TERM") != "dumb"
		progress, stop := newApplyProgress(g.io.ErrOut, live, live && g.io.ColorEnabled())
		defer stop()
		ao.Progress, stopProgress = progress, stop
	}
	res, runErr := apply.Run(ctx, ao)
	if stopProgress != nil {
		stopProgress() // every progress line before the summary
	}
	if res != nil {
		if err := renderApply(g, format, applyView(res)); err != nil {
			return err
		}
	}
	if runErr == nil {
		return nil
	}
	if res == nil {
		return runErr
	}
	return &reportedError{code: applyExitCode(runErr), msg: "apply failed"}
}

// loadConfigForStage loads dbcd.yaml, tolerating unset ${VAR}s in the
// targets of stages this command does not touch (a deployment step only has
// its own environment's secured variables).
func (g *globalOptions) loadConfigForStage(name string, earlierToo ...bool) (*config.Config, error) {
	cfg, err := g.loadConfig()
	var cerr *config.Error
	if err != nil && !errors.As(err, &cerr) {
		return nil, err
	}
	if cfg == nil {
		return nil, err
	}
	stage, ok := cfg.Stage(name)
	if !ok {
		if err != nil {
			return nil, err
		}
		return nil, &usageError{fmt.Errorf("--stage %q: unknown stage (stages: %s)", name, strings.Join(cfg.StageNames(), ", "))}
	}
	if cerr == nil {
		return cfg, nil
	}
	needed := map[string]bool{stage.Name: true}
	for _, a := range stage.After {
		needed[a] = true
	}
	var rest []config.Problem
	for _, p := range cerr.Problems {
		if p.Code == "unset-variable" && !problemInStages(cfg, p.Key, needed) {
			continue
		}
		rest = append(rest, p)
	}
	if len(rest) == 0 {
		return cfg, nil
	}
	cerr.Problems = rest
	return nil, cerr
}

func problemInStages(cfg *config.Config, key string, stages map[string]bool) bool {
	for i, s := range cfg.Stages {
		if stages[s.Name] && strings.HasPrefix(key, fmt.Sprintf("stages[%d].", i)) {
			return true
		}
	}
	return !strings.HasPrefix(key, "stages[")
}

func targetsOf(s *config.Stage) []apply.Target {
	out := make([]apply.Target, len(s.Targets))
	for i, t := range s.Targets {
		out[i] = apply.Target{Stage: s.Name, Name: t.Name, DB: t.DB, URL: t.URL}
	}
	return out
}

func hasTarget(s *config.Stage, name string) bool {
	for _, t := range s.Targets {
		if t.Name == name {
			return true
		}
	}
	return false
}

func targetNames(s *config.Stage) []string {
	var out []string
	for _, t := range s.Targets {
		out = append(out, t.Name)
	}
	return out
}

// parseShard reads --shard I/N, or Bitbucket's parallel step variables
// (BITBUCKET_PARALLEL_STEP counts from 0).
func parseShard(s string, getenv func(string) string) (apply.Shard, error) {
	if s == "" {
		idx, cnt := getenv("BITBUCKET_PARALLEL_STEP"), getenv("BITBUCKET_PARALLEL_STEP_COUNT")
		if idx == "" || cnt == "" {
			return apply.Shard{}, nil
		}
		i, err1 := strconv.Atoi(idx)
		n, err2 := strconv.Atoi(cnt)
		if err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return apply.Shard{}, fmt.Errorf("BITBUCKET_PARALLEL_STEP=%q, BITBUCKET_PARALLEL_STEP_COUNT=%q are not a valid step", idx, cnt)
		}
		return apply.Shard{Index: i + 1, Count: n}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return apply.Shard{}, fmt.Errorf("--shard %q: write I/N with 1 <= I <= N, e.g. 2/4", s)
	}
	return apply.Shard{Index: i, Count: n}, nil
}

func provenance(getenv func(string) string) apply.Provenance {
	env := bitbucket.FromEnv(getenv)
	p := apply.Provenance{
		AppliedBy: env.StepTriggererUUID, Commit: env.Commit, Branch: env.Branch,
		BuildNumber: env.BuildNumber, PipelineUUID: env.PipelineUUID, StepUUID: env.StepUUID,
		DBCDVersion: buildinfo.Get().Version,
	}
	if p.AppliedBy == "" {
		if u, err := user.Current(); err == nil {
			p.AppliedBy = u.Username
		}
	}
	return p
}

func progressLine(e apply.Event) string {
	parts := []string{string(e.Kind)}
	if e.Target != "" {
		parts = append(parts, e.Target)
	}
	if e.File != "" {
		parts = append(parts, e.File)
	}
	if e.Message != "" {
		parts = append(parts, e.Message)
	}
	return strings.Join(parts, "  ")
}

// applyExitCode is 3 when every failure was about reaching or locking a
// target, 2 for files that cannot be applied, else 1.
func applyExitCode(err error) int {
	var pe *apply.PartialError
	errs := []error{err}
	if errors.As(err, &pe) {
		errs = pe.Errs
	}
	code := 0
	for _, e := range errs {
		c := exitFailed
		var ce *dbconn.ConnectError
		switch {
		case errors.Is(e, apply.ErrLockTimeout), errors.Is(e, apply.ErrPooler), errors.As(e, &ce):
			c = exitRuntime
		case errors.Is(e, apply.ErrBadFile):
			c = exitInput
		}
		if code == 0 || c == exitFailed || (c == exitInput && code == exitRuntime) {
			code = c
		}
	}
	if code == 0 {
		code = exitFailed
	}
	return code
}

func applyView(res *apply.Result) report.ApplyView {
	v := report.ApplyView{Stage: res.Stage, DryRun: res.DryRun}
	conv := func(fs []apply.FileResult) []report.ApplyFileView {
		out := []report.ApplyFileView{}
		for _, f := range fs {
			fv := report.ApplyFileView{Path: f.Path, Version: f.Version, Type: f.Type, Statements: f.Statements,
				Applied: f.Applied, Seconds: f.Duration.Seconds(), Retries: f.Retries, Reason: f.Reason}
			if f.Err != nil {
				fv.Error = f.Err.Error()
			}
			out = append(out, fv)
		}
		return out
	}
	for _, t := range res.Targets {
		tv := report.ApplyTargetView{Name: t.Name, DB: t.DB, Status: string(t.Status), Applied: conv(t.Applied),
			Pending: conv(t.Pending), Skipped: conv(t.Skipped), Warnings: t.Warnings, Seconds: t.Duration.Seconds()}
		if t.Err != nil {
			tv.Error = t.Err.Error()
		}
		v.Targets = append(v.Targets, tv)
	}
	return v
}

func renderApply(g *globalOptions, format report.Format, v report.ApplyView) error {
	return renderTo(g, format, func(w io.Writer, f report.Format) error {
		switch f {
		case report.FormatJSON:
			return report.ApplyJSON(w, v)
		case report.FormatJUnit:
			return report.ApplyJUnit(w, v)
		}
		return report.ApplyText(w, v, g.io.ColorEnabled() && w == g.io.Out)
	})
}
