package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/plan"
	"github.com/dbcd/dbcd/internal/source"
)

// rolloutGate enforces, before anything runs, what plan shows: the
// approvals each pending file's risk level needs, the stage's rollout role,
// and with --plan that nothing changed since the plan was made. It returns
// one sentence per refusal; none means apply may go ahead, on the files
// (target -> path -> checksum) in checked, which apply holds it to.
func rolloutGate(ctx context.Context, g *globalOptions, cfg *config.Config, tree *source.Tree, stage *config.Stage,
	ao apply.Options, reviewed *plan.Reviewed, opts *applyOptions) (refused []string, checked map[string]map[string]string, err error) {
	if len(cfg.Approval) == 0 && !stage.Rollout.Manual && opts.plan == "" {
		return nil, nil, nil
	}
	var saved *plan.Plan
	if opts.plan != "" {
		if saved, err = plan.Read(opts.plan); err != nil {
			return nil, nil, &usageError{err}
		}
	}
	in, err := planInput(ctx, g, cfg, tree, stage, ao, opts.iAm, reviewed)
	if err != nil {
		return nil, nil, err
	}
	in.Fingerprint = saved != nil
	p, err := plan.Build(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	// A target the pre-check could not read, or approvals Bitbucket could
	// not be asked about, are unknown: apply does not go ahead on them.
	var unknown []string
	for _, t := range p.Targets {
		if t.Status == plan.StatusUnreachable {
			unknown = append(unknown, fmt.Sprintf("target %s could not be checked: %s", t.Name, strings.Join(t.Reasons, "; ")))
		}
		for _, f := range t.Files {
			if f.Approval.Unavailable {
				unknown = append(unknown, fmt.Sprintf("target %s: approvals of %s could not be read: %s", t.Name, f.Path, f.Approval.Error))
			}
		}
	}
	if len(unknown) > 0 {
		return nil, nil, fmt.Errorf("nothing applied: %s", strings.Join(unknown, "; "))
	}
	if saved != nil {
		for _, s := range plan.Stale(saved, p) {
			refused = append(refused, "stale plan "+opts.plan+": "+s+" (plan again)")
		}
	}
	pending := 0
	checked = map[string]map[string]string{}
	for _, t := range p.Targets {
		checked[t.Name] = map[string]string{}
		for _, f := range t.Files {
			checked[t.Name][f.Path] = f.Checksum
			pending++
			if !f.Approval.Satisfied {
				refused = append(refused, fmt.Sprintf("target %s: %s is %s risk (%s) and %s",
					t.Name, f.Path, f.Risk.Level, f.Risk.Reason, f.Approval.Summary()))
			}
		}
	}
	if pending == 0 || !stage.Rollout.Manual {
		return refused, checked, nil
	}
	if !p.Rollout.Allowed {
		return append(refused, "stage "+stage.Name+": "+p.Rollout.Reason), checked, nil
	}
	if len(refused) > 0 || bitbucket.FromEnv(g.getenv).InPipelines() || opts.dryRun {
		return refused, checked, nil
	}
	// Outside Pipelines --i-am is a claim, not a proof: a person confirms.
	if !g.io.IsStdinTTY() {
		return []string{fmt.Sprintf("stage %s has rollout.manual: true: outside Bitbucket Pipelines apply asks for confirmation on a terminal, "+
			"and standard input is not one (run it in a terminal, or from a manual pipeline step)", stage.Name)}, nil, nil
	}
	fmt.Fprintf(g.io.ErrOut, "Apply %d pending file(s) to stage %s as %s (%s)? Type the stage name to confirm: ", pending, stage.Name, p.Rollout.Actor, p.Rollout.Role)
	answer, _ := bufio.NewReader(g.io.In).ReadString('\n')
	if strings.TrimSpace(answer) != stage.Name {
		return []string{"not confirmed: nothing applied"}, nil, nil
	}
	return nil, checked, nil
}
