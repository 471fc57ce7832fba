package main

import (
	"context"
	"fmt"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/drift"
	"github.com/dbcd/dbcd/internal/plan"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/rules"
	"github.com/dbcd/dbcd/internal/source"
)

// stageReview reviews the stage's files under its policy (the way apply
// runs them), recording each statement's kind and locks for plan.
func stageReview(ctx context.Context, cfg *config.Config, tree *source.Tree, stage *config.Stage, stageFiles []*source.File) (*plan.Reviewed, error) {
	cat, err := rules.Catalog()
	if err != nil {
		return nil, err
	}
	pol, err := cat.Resolve(stage.PolicyName(), policySpecs(cfg), cfg.Review.Gate)
	if err != nil {
		return nil, &usageError{fmt.Errorf("stage %s: %w", stage.Name, err)}
	}
	files := map[string]bool{}
	for _, f := range stageFiles {
		files[f.Path] = true
	}
	sel := review.Selection{
		Stages: []string{stage.Name}, StagePolicy: map[string]*review.Policy{stage.Name: pol},
		StageDBs: map[string][]string{stage.Name: stage.Databases()}, Force: pol, Files: files,
	}
	return plan.Review(ctx, cat, tree, sel, review.Options{Runner: review.RunnerDBCD})
}

// reviewGate reviews the stage's files under its policy and returns the
// findings at or above its gate that are in files still pending on some
// target: those block the apply. Findings in files already applied do not.
func reviewGate(ctx context.Context, cfg *config.Config, tree *source.Tree, stage *config.Stage, ao apply.Options) ([]string, *plan.Reviewed, error) {
	reviewed, err := stageReview(ctx, cfg, tree, stage, ao.Files)
	if err != nil {
		return nil, nil, err
	}
	res := reviewed.Result
	failing := map[string][]string{}
	for i, f := range res.Findings {
		if res.Failing[i] {
			failing[f.File] = append(failing[f.File], fmt.Sprintf("%s: %s: %s [%s]", f.Position(), f.Severity, f.Message, f.Rule))
		}
	}
	if len(failing) == 0 {
		return nil, reviewed, nil
	}
	dry := ao
	dry.DryRun, dry.Progress = true, nil
	dr, err := apply.Run(ctx, dry)
	if dr == nil {
		return nil, nil, err
	}
	var blocked []string
	seen := map[string]bool{}
	for _, t := range dr.Targets {
		for _, p := range t.Pending {
			if !seen[p.Path] {
				seen[p.Path] = true
				blocked = append(blocked, failing[p.Path]...)
			}
		}
	}
	return blocked, reviewed, nil
}

// driftGuard checks each target the apply will touch (after --target and
// --shard) for changes made outside dbcd since its last apply
// (apply.on_drift) and describes them, rollout.parallel targets at a time.
// Targets without a recorded snapshot are not checked.
func driftGuard(ctx context.Context, cfg *config.Config, ao apply.Options) ([]string, error) {
	targets, err := ao.Selected()
	if err != nil {
		return nil, &usageError{err}
	}
	check := driftFunc(cfg, false)
	found := make([][]string, len(targets))
	errs := make([]error, len(targets))
	plan.ForEach(len(targets), ao.Parallel, func(i int) {
		found[i], errs[i] = check(ctx, targets[i])
	})
	var out []string
	for i, t := range targets {
		if errs[i] != nil {
			return nil, fmt.Errorf("checking %s for drift before applying: %w", t.Name, errs[i])
		}
		for _, d := range found[i] {
			out = append(out, fmt.Sprintf("target %s drifted: %s (dbcd drift --accept --stage %s --target %s --reason ..., or --allow-drift)",
				t.Name, d, ao.Stage, t.Name))
		}
	}
	return out, nil
}

// driftFunc checks one target for drift against its history snapshot; a
// target without a snapshot is not drifted. withIssues adds dbcd-level
// problems (failed rows, files changed or gone since they were applied).
func driftFunc(cfg *config.Config, withIssues bool) func(context.Context, apply.Target) ([]string, error) {
	return func(ctx context.Context, t apply.Target) ([]string, error) {
		res, err := drift.Check(ctx, drift.Options{Name: t.Name, URL: t.URL, HistoryTable: cfg.History.Table,
			Against: drift.AgainstHistory, Ignore: cfg.Drift.Ignore})
		if err != nil {
			return nil, err
		}
		var out []string
		for _, c := range res.Diff.Changes {
			out = append(out, c.Summary())
		}
		if withIssues {
			out = append(out, res.Issues...)
		}
		return out, nil
	}
}
