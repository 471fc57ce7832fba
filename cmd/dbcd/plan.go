package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/buildinfo"
	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/plan"
	"github.com/dbcd/dbcd/internal/report"
	"github.com/dbcd/dbcd/internal/source"
)

type planOptions struct {
	g          *globalOptions
	stage      string
	target     string
	shard      string
	out        string
	shadow     string
	shadowHere bool
	iAm        string
	noInsights bool
	noComment  bool
}

func newPlanCmd(g *globalOptions, runF func(context.Context, *planOptions) error) *cobra.Command {
	opts := &planOptions{g: g}
	cmd := &cobra.Command{
		Use:   "plan --stage S",
		Short: "Show what apply would do on each target of a stage, and what it still needs",
		Long: `Plan a stage: for each target, the pending files in order with their review
result under the stage's policy, the locks their statements take (and whether a
table is rewritten or scanned under them), their risk level and the rule that set
it, the approvals that level needs and those the pull request holds, the stage's
rollout role, promotion from earlier stages, out-of-order and changed-file
warnings, and drift.

With --shadow URL (or --shadow-here, on the target's own server) the target's
current schema is recreated in a scratch database, the pending files are applied
there, and the schema change they cause is shown; a failure is reported with its
file, line and column.

--out FILE writes the plan with each target's fingerprint (server, history,
schema); apply --plan FILE then refuses if anything changed since.

Target statuses: up-to-date, ready, waiting (approvals, rollout role or an earlier
stage still missing), blocked (a review finding at the gate, a changed or failed
file, drift, a failed shadow run), unreachable.

Exit codes: 0 planned (also when approvals are still missing), 1 a target is
blocked, 2 bad configuration or files, 3 a target could not be checked.`,
		Example: `  dbcd plan --stage prod
  dbcd plan --stage prod --shadow postgres://localhost/postgres
  dbcd plan --stage prod --out plan.json && dbcd apply --stage prod --plan plan.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runPlan(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.stage, "stage", "", "the stage to plan (required)")
	f.StringVar(&opts.target, "target", "", "plan this target of the stage only")
	f.StringVar(&opts.shard, "shard", "", "`I/N`: plan the I-th of N slices of the targets")
	f.StringVar(&opts.out, "out", "", "write the plan (json, with fingerprints) to `FILE` for apply --plan")
	f.StringVar(&opts.shadow, "shadow", "", "validate the pending files in a scratch database on this server (`URL`)")
	f.BoolVar(&opts.shadowHere, "shadow-here", false, "validate the pending files in a scratch database on each target's own server")
	f.StringVar(&opts.iAm, "i-am", "", "your Bitbucket account id or {uuid}, for the rollout role outside Pipelines")
	f.BoolVar(&opts.noInsights, "no-insights", false, "do not publish a Code Insights report in Bitbucket Pipelines")
	f.BoolVar(&opts.noComment, "no-comment", false, "do not post the plan as a pull request comment")
	_ = cmd.MarkFlagRequired("stage")
	return cmd
}

func runPlan(ctx context.Context, opts *planOptions) error {
	g := opts.g
	format, err := report.ParseFormat(g.format, report.FormatText, report.FormatJSON, report.FormatJUnit)
	if err != nil {
		return &usageError{err}
	}
	if opts.shadow != "" && opts.shadowHere {
		return &usageError{fmt.Errorf("--shadow and --shadow-here: choose one")}
	}
	g.addSecrets(opts.shadow)
	cfg, err := g.loadConfigForStage(opts.stage)
	if err != nil {
		return err
	}
	stage, _ := cfg.Stage(opts.stage)
	if opts.target != "" && !hasTarget(stage, opts.target) {
		return &usageError{fmt.Errorf("--target %q: stage %s has no such target (targets: %s)", opts.target, stage.Name, strings.Join(targetNames(stage), ", "))}
	}
	shard, err := parseShard(opts.shard, g.getenv)
	if err != nil {
		return &usageError{err}
	}
	tree, err := loadTree(ctx, cfg)
	if err != nil {
		return err
	}
	ao := stageApplyOptions(cfg, stage, tree, opts.target, shard, g.getenv)
	in, err := planInput(ctx, g, cfg, tree, stage, ao, opts.iAm, nil)
	if err != nil {
		return err
	}
	in.Drift = driftFunc(cfg, true)
	in.DriftBlocks = cfg.Apply.OnDrift == "block"
	in.Fingerprint = opts.out != ""
	if opts.shadow != "" || opts.shadowHere {
		in.Shadow = &plan.ShadowOptions{URL: opts.shadow}
	}
	p, err := plan.Build(ctx, in)
	if err != nil {
		return err
	}
	if opts.out != "" {
		if err := writeFile(opts.out, func(w io.Writer) error { return report.PlanJSON(w, p) }); err != nil {
			return err
		}
	}
	if err := renderTo(g, format, func(w io.Writer, f report.Format) error {
		switch f {
		case report.FormatJSON:
			return report.PlanJSON(w, p)
		case report.FormatJUnit:
			return report.PlanJUnit(w, p)
		}
		return report.PlanText(w, p, g.io.ColorEnabled() && w == g.io.Out)
	}); err != nil {
		return err
	}
	if !opts.noInsights {
		fs := report.PlanFindings(p)
		fs.Title = "plan " + p.Stage
		publishInsights(ctx, g, "dbcd-plan-"+p.Stage, "dbcd plan: "+p.Stage, fs, diag.Error)
	}
	if !opts.noComment {
		commentPlan(ctx, g, p)
	}
	switch {
	case p.Unreachable():
		return &reportedError{code: exitRuntime, msg: "a target could not be checked"}
	case p.Blocked():
		return &reportedError{code: exitFailed, msg: "a target is blocked"}
	}
	return nil
}

// planInput gathers what plan and apply need beyond the apply options:
// review with statement facts, risk rules, approvals evidence and the actor.
func planInput(ctx context.Context, g *globalOptions, cfg *config.Config, tree *source.Tree, stage *config.Stage, ao apply.Options, iAm string, reviewed *plan.Reviewed) (plan.Input, error) {
	if reviewed == nil {
		var err error
		if reviewed, err = stageReview(ctx, cfg, tree, stage, ao.Files); err != nil {
			return plan.Input{}, err
		}
	}
	levels, whens := make([]string, len(cfg.Risk)), make([]string, len(cfg.Risk))
	for i, r := range cfg.Risk {
		levels[i], whens[i] = r.Level, r.When
	}
	rules, err := plan.CompileRisk(levels, whens)
	if err != nil {
		return plan.Input{}, &usageError{err}
	}
	in := plan.Input{
		Apply: ao, Reviewed: reviewed, Risk: rules, Approval: cfg.Approval, Roles: cfg.Roles,
		Rollout: plan.Rollout{Manual: stage.Rollout.Manual, Roles: stage.Rollout.Roles},
		Facts:   plan.OpenFacts,
	}
	env := bitbucket.FromEnv(g.getenv)
	switch {
	case env.InPipelines():
		in.Actor = plan.Actor{ID: env.StepTriggererUUID, Via: "BITBUCKET_STEP_TRIGGERER_UUID"}
	case iAm != "":
		in.Actor = plan.Actor{ID: iAm, Via: "--i-am"}
	}
	if env.AccessToken == "" {
		if len(cfg.Approval) > 0 {
			in.EvidenceMissing = "approvals cannot be checked without BITBUCKET_ACCESS_TOKEN (a repository access token with pull request read access)"
		}
		return in, nil
	}
	g.addSecrets(env.AccessToken.Value())
	api, err := bitbucket.NewAPI(env, bitbucket.WithUserAgent("dbcd/"+buildinfo.Get().Version))
	if err != nil {
		return plan.Input{}, &usageError{err}
	}
	if in.Actor.ID != "" && stage.Rollout.Manual {
		// Roles may list account ids while Pipelines names the triggerer
		// by uuid: learn the account's other id.
		if u, err := api.User(ctx, in.Actor.ID); err == nil {
			in.Actor.Aliases = []string{u.UUID, u.AccountID}
		}
	}
	if len(cfg.Approval) == 0 {
		return in, nil
	}
	ev := &plan.BitbucketEvidence{API: api, Env: env, Dir: cfg.Root}
	var paths []string
	for _, f := range ao.Files {
		paths = append(paths, f.Path)
	}
	if err := ev.Prepare(ctx, paths); err != nil {
		fmt.Fprintf(g.io.ErrOut, "warning: %v; approvals cannot be checked\n", err)
	}
	in.Evidence = ev
	return in, nil
}

// commentPlan posts the plan on the pull request of a PR pipeline, one
// comment per stage updated in place. Failing to comment is a warning.
func commentPlan(ctx context.Context, g *globalOptions, p *plan.Plan) {
	env := bitbucket.FromEnv(g.getenv)
	if !env.InPipelines() || !env.InPullRequest() || env.AccessToken == "" {
		return
	}
	var id int
	if _, err := fmt.Sscan(env.PRID, &id); err != nil {
		return
	}
	api, err := bitbucket.NewAPI(env, bitbucket.WithUserAgent("dbcd/"+buildinfo.Get().Version))
	if err == nil {
		marker := bitbucket.CommentMarker("plan:" + p.Stage)
		err = api.UpsertComment(ctx, id, marker, report.PlanMarkdown(p, marker))
	}
	if err != nil {
		fmt.Fprintf(g.io.ErrOut, "warning: could not comment the plan on pull request #%d: %v\n", id, err)
		return
	}
	if !g.quiet {
		fmt.Fprintf(g.io.ErrOut, "plan commented on pull request #%d\n", id)
	}
}
