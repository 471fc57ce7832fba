// Package plan works out, before anything runs, what `dbcd apply` would do
// on each target of a stage and what it still needs: the pending files in
// order, each with its review result, the locks its statements take, its
// risk level and the rule that set it, the approvals that level requires and
// those the pull request holds, the stage's rollout role, promotion from
// earlier stages, out-of-order and changed-file warnings, drift, and
// optionally a validation of the files on a shadow database. apply enforces
// the same plan; a plan written with --out pins what apply may do.
package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/source"
)

// FormatVersion is the version of the plan document (json and --out).
const FormatVersion = 1

// Target statuses, from best to worst.
const (
	StatusUpToDate    = "up-to-date"  // nothing pending
	StatusReady       = "ready"       // apply would run now
	StatusWaiting     = "waiting"     // approvals, the rollout role or an earlier stage are missing
	StatusBlocked     = "blocked"     // apply would refuse until a file, the review or the schema is fixed
	StatusUnreachable = "unreachable" // the target could not be checked
)

// Input is everything a plan is made from.
type Input struct {
	// Apply are the stage's apply options; the plan is a dry run of them.
	Apply apply.Options
	// Reviewed is the review of the stage's files under its policy, with
	// statement facts.
	Reviewed *Reviewed
	Risk     []RiskRule
	// Approval maps a risk level to its ordered approval steps (roles), and
	// Roles a role to its Bitbucket account ids or {uuid}s.
	Approval map[string][]string
	Roles    map[string][]string
	Rollout  Rollout
	// Actor is who runs the rollout.
	Actor Actor
	// Evidence finds the pull request behind a file; nil when there is no
	// way to ask (no BITBUCKET_ACCESS_TOKEN).
	Evidence Evidence
	// EvidenceMissing says why Evidence is nil, for the report.
	EvidenceMissing string
	// Drift checks a target for out-of-band changes; nil skips the check.
	Drift func(ctx context.Context, t apply.Target) ([]string, error)
	// DriftBlocks is apply.on_drift == block.
	DriftBlocks bool
	// Shadow, when set, validates the pending files on a shadow database.
	Shadow *ShadowOptions
	// Facts, when set, opens the target-dependent risk facts of a target;
	// nil evaluates risk without row estimates.
	Facts func(ctx context.Context, t apply.Target) (TableFacts, func(), error)
	// Fingerprint, when set, records each target's identity and state for
	// a plan file.
	Fingerprint bool
}

// Rollout is the stage's rollout rule.
type Rollout struct {
	Manual bool
	Roles  []string
}

// Actor is who starts the rollout: the step triggerer in Bitbucket
// Pipelines, --i-am elsewhere.
type Actor struct {
	ID string
	// Via names where ID came from (BITBUCKET_STEP_TRIGGERER_UUID, --i-am).
	Via string
	// Aliases are the account's other ids (its account_id for a uuid), when
	// Bitbucket could tell.
	Aliases []string
}

// Plan is the plan of one stage.
type Plan struct {
	Version     int           `json:"version"`
	Stage       string        `json:"stage"`
	DBCDVersion string        `json:"dbcd_version"`
	Commit      string        `json:"commit,omitempty"`
	Rollout     RolloutStatus `json:"rollout"`
	Targets     []*TargetPlan `json:"targets"`
	Summary     Summary       `json:"summary"`
	Notes       []string      `json:"notes,omitempty"`
}

// RolloutStatus says who may roll the stage out and whether the actor may.
type RolloutStatus struct {
	Manual  bool     `json:"manual"`
	Roles   []string `json:"roles,omitempty"`
	Actor   string   `json:"actor,omitempty"`
	Via     string   `json:"via,omitempty"`
	Allowed bool     `json:"allowed"`
	// Role is the rollout role the actor holds.
	Role   string `json:"role,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Summary counts targets by status and pending files.
type Summary struct {
	Targets     int            `json:"targets"`
	Pending     int            `json:"pending_files"`
	ByStatus    map[string]int `json:"by_status"`
	HighestRisk string         `json:"highest_risk,omitempty"`
}

// TargetPlan is the plan of one target.
type TargetPlan struct {
	Name   string `json:"name"`
	DB     string `json:"db"`
	Status string `json:"status"`
	// Reasons say why the target waits or is blocked.
	Reasons  []string     `json:"reasons,omitempty"`
	Files    []*FilePlan  `json:"files"`
	Skipped  []SkippedRef `json:"skipped,omitempty"`
	Warnings []string     `json:"warnings,omitempty"`
	Drift    *DriftStatus `json:"drift,omitempty"`
	Shadow   *Shadow      `json:"shadow,omitempty"`
	// Fingerprint pins the target's state for apply --plan.
	Fingerprint *Fingerprint `json:"fingerprint,omitempty"`
	Error       string       `json:"error,omitempty"`
}

// SkippedRef is a file that will not run, and why.
type SkippedRef struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// DriftStatus is the drift check of a target.
type DriftStatus struct {
	Drifted bool     `json:"drifted"`
	Objects []string `json:"objects,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// FilePlan is one pending file on one target.
type FilePlan struct {
	Path          string      `json:"path"`
	Version       string      `json:"version"`
	Type          string      `json:"type"`
	Checksum      string      `json:"checksum"`
	NoTransaction bool        `json:"no_transaction"`
	Statements    []Statement `json:"statements"`
	// Lock is the strongest lock on an existing table; Rewrite and Scan say
	// whether a table is rewritten or scanned under a lock.
	Lock    string     `json:"lock,omitempty"`
	Rewrite bool       `json:"rewrite"`
	Scan    bool       `json:"scan"`
	Review  FileReview `json:"review"`
	Risk    Risk       `json:"risk"`
	// Approval is what the file's risk level needs and what is held.
	Approval Approval `json:"approval"`
	// Gate lists the earlier-stage targets where the file is not done yet.
	Gate     []string `json:"gate,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// FileReview summarises a file's review under the stage's policy.
type FileReview struct {
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Failing  bool      `json:"failing"`
	Findings []Finding `json:"findings,omitempty"`
}

// Finding is one review finding in a pending file.
type Finding struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Rule    string `json:"rule"`
	Level   string `json:"level"`
	Message string `json:"message"`
	// Failing marks a finding at or above the stage's gate.
	Failing bool `json:"failing"`
}

// Build makes the plan: a dry run of apply (with after: gating reported,
// not fatal), then, per pending file, review, locks, risk and approvals;
// per target, drift and the shadow validation.
func Build(ctx context.Context, in Input) (*Plan, error) {
	ao := in.Apply
	ao.DryRun, ao.GateInResult, ao.Progress = true, true, nil
	res, err := apply.Run(ctx, ao)
	if res == nil {
		return nil, err
	}
	p := &Plan{Version: FormatVersion, Stage: ao.Stage, DBCDVersion: ao.Provenance.DBCDVersion, Commit: ao.Provenance.Commit, Targets: []*TargetPlan{}}
	p.Rollout = rolloutStatus(in)
	files := map[string]*source.File{}
	for _, f := range ao.Files {
		files[f.Path] = f
	}
	targets := map[string]apply.Target{}
	for _, t := range ao.Targets {
		targets[t.Name] = t
	}
	gate := map[string][]string{}
	if res.Gate != nil {
		for _, m := range res.Gate.Missing {
			gate[m.Path] = append(gate[m.Path], fmt.Sprintf("%s on %s/%s", m.Reason, m.Stage, m.Target))
		}
	}
	reviews := fileReviews(in.Reviewed)
	ev := newEvidenceCache(in.Evidence)
	p.Targets = make([]*TargetPlan, len(res.Targets))
	errs := make([]error, len(res.Targets))
	// Targets are independent and plan only reads them (a shadow run works
	// on its own scratch database): rollout.parallel at a time, at least 4.
	ForEach(len(res.Targets), max(ao.Parallel, 4), func(i int) {
		p.Targets[i], errs[i] = planTarget(ctx, in, p, res.Targets[i], targets[res.Targets[i].Name], files, reviews, gate, ev)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	p.summarise()
	if in.Evidence == nil && in.EvidenceMissing != "" && p.needsApproval() {
		p.Notes = append(p.Notes, in.EvidenceMissing)
	}
	return p, nil
}

// planTarget plans one target from its dry-run result.
func planTarget(ctx context.Context, in Input, p *Plan, tr apply.TargetResult, t apply.Target,
	files map[string]*source.File, reviews map[string]FileReview, gate map[string][]string, ev *evidenceCache) (*TargetPlan, error) {
	ao := in.Apply
	tp := &TargetPlan{Name: tr.Name, DB: tr.DB, Files: []*FilePlan{}, Warnings: tr.Warnings}
	for _, s := range tr.Skipped {
		tp.Skipped = append(tp.Skipped, SkippedRef{Path: s.Path, Reason: s.Reason})
	}
	if tr.Err != nil {
		tp.Error = tr.Err.Error()
		var be *apply.BlockedError
		if errors.As(tr.Err, &be) {
			tp.Status, tp.Reasons = StatusBlocked, be.Problems
		} else {
			tp.Status, tp.Reasons = StatusUnreachable, []string{firstLine(tr.Err.Error())}
		}
		return tp, nil
	}
	if err := planFiles(ctx, in, p, tp, t, tr.Pending, files, reviews, gate, ev); err != nil {
		return nil, err
	}
	if in.Drift != nil {
		tp.Drift = &DriftStatus{}
		objs, err := in.Drift(ctx, t)
		if err != nil {
			tp.Drift.Error = firstLine(dbconn.RedactSecrets(err.Error(), dbconn.Passwords(t.URL)...))
		}
		tp.Drift.Objects, tp.Drift.Drifted = objs, len(objs) > 0
	}
	if in.Shadow != nil && len(tp.Files) > 0 {
		tp.Shadow = runShadow(ctx, *in.Shadow, ao, t, tr.Pending)
	}
	if in.Fingerprint {
		fp, err := takeFingerprint(ctx, ao, t)
		if err != nil {
			tp.Status, tp.Reasons = StatusUnreachable, []string{firstLine(err.Error())}
			return tp, nil
		}
		tp.Fingerprint = fp
	}
	decide(in, p, tp)
	return tp, nil
}

// ForEach calls fn(0..n-1), at most parallel calls at once (at least one),
// and returns when all have returned: how plan and apply's pre-checks visit
// a stage's targets.
func ForEach(n, parallel int, fn func(i int)) {
	sem := make(chan struct{}, max(parallel, 1))
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			fn(i)
		}()
	}
	wg.Wait()
}

// planFiles fills in the pending files of one target.
func planFiles(ctx context.Context, in Input, p *Plan, tp *TargetPlan, t apply.Target, pending []apply.FileResult,
	files map[string]*source.File, reviews map[string]FileReview, gate map[string][]string, ev *evidenceCache) error {
	if len(pending) == 0 {
		return nil
	}
	var facts TableFacts
	if in.Facts != nil && len(in.Risk) > 0 && (needs(in.Risk, "table_rows") || needs(in.Risk, "affected_rows")) {
		f, closeFn, err := in.Facts(ctx, t)
		if err != nil {
			tp.Warnings = append(tp.Warnings, "risk facts unavailable: "+firstLine(err.Error()))
		} else {
			defer closeFn()
			facts = f
		}
	}
	for _, pf := range pending {
		f := files[pf.Path]
		if f == nil {
			continue
		}
		var stmts []Statement
		if in.Reviewed != nil {
			stmts = in.Reviewed.Statements[f.Path]
		}
		fp := &FilePlan{Path: f.Path, Version: f.Version.String(), Type: string(f.Type), Checksum: f.Checksum,
			NoTransaction: pf.NoTransaction, Statements: stmts, Review: reviews[f.Path], Gate: gate[f.Path]}
		if fp.Statements == nil {
			fp.Statements = []Statement{}
		}
		fp.Lock, fp.Rewrite, fp.Scan = Strongest(stmts)
		r, err := assess(ctx, in.Risk, p.Stage, t.DB, f, stmts, facts)
		if err != nil {
			return err
		}
		fp.Risk = r
		fp.Approval = approvalFor(ctx, in, r.Level, f.Path, ev)
		for _, w := range tp.Warnings {
			if strings.Contains(w, f.Path) {
				fp.Warnings = append(fp.Warnings, w)
			}
		}
		tp.Files = append(tp.Files, fp)
	}
	return nil
}

// decide sets a target's status from its files, drift and shadow run.
func decide(in Input, p *Plan, tp *TargetPlan) {
	if tp.Status != "" {
		return
	}
	var blocked, waiting []string
	for _, f := range tp.Files {
		if f.Review.Failing {
			blocked = append(blocked, fmt.Sprintf("%s: review findings at the stage's gate (%d errors, %d warnings)", f.Path, f.Review.Errors, f.Review.Warnings))
		}
		if len(f.Gate) > 0 {
			waiting = append(waiting, fmt.Sprintf("%s: not done on earlier stages yet: %s", f.Path, strings.Join(f.Gate, "; ")))
		}
		if !f.Approval.Satisfied {
			waiting = append(waiting, fmt.Sprintf("%s: %s", f.Path, f.Approval.Summary()))
		}
	}
	if d := tp.Drift; d != nil && in.DriftBlocks {
		if d.Drifted {
			blocked = append(blocked, "schema drifted outside dbcd: "+strings.Join(d.Objects, ", ")+" (see dbcd drift; accept with dbcd drift --accept)")
		} else if d.Error != "" {
			blocked = append(blocked, "drift could not be checked: "+d.Error)
		}
	}
	if s := tp.Shadow; s != nil && !s.OK {
		blocked = append(blocked, "shadow run failed: "+s.Error)
	}
	if len(tp.Files) > 0 && !p.Rollout.Allowed {
		waiting = append(waiting, "rollout: "+p.Rollout.Reason)
	}
	switch {
	case len(blocked) > 0:
		tp.Status, tp.Reasons = StatusBlocked, append(blocked, waiting...)
	case len(waiting) > 0:
		tp.Status, tp.Reasons = StatusWaiting, waiting
	case len(tp.Files) > 0:
		tp.Status = StatusReady
	default:
		tp.Status = StatusUpToDate
	}
}

func (p *Plan) summarise() {
	p.Summary = Summary{Targets: len(p.Targets), ByStatus: map[string]int{}}
	best := 0
	for _, t := range p.Targets {
		p.Summary.ByStatus[t.Status]++
		p.Summary.Pending += len(t.Files)
		for _, f := range t.Files {
			if r := riskRank(f.Risk.Level); r > best {
				best, p.Summary.HighestRisk = r, f.Risk.Level
			}
		}
	}
}

func (p *Plan) needsApproval() bool {
	for _, t := range p.Targets {
		for _, f := range t.Files {
			if len(f.Approval.Required) > 0 {
				return true
			}
		}
	}
	return false
}

// Blocked reports whether any target is blocked (apply would refuse for a
// reason approvals cannot fix).
func (p *Plan) Blocked() bool { return p.Summary.ByStatus[StatusBlocked] > 0 }

// Unreachable reports whether any target could not be checked.
func (p *Plan) Unreachable() bool { return p.Summary.ByStatus[StatusUnreachable] > 0 }

func fileReviews(r *Reviewed) map[string]FileReview {
	out := map[string]FileReview{}
	if r == nil || r.Result == nil {
		return out
	}
	for i, f := range r.Result.Findings {
		fr := out[f.File]
		switch f.Severity {
		case diag.Error:
			fr.Errors++
		case diag.Warning:
			fr.Warnings++
		}
		if r.Result.Failing[i] {
			fr.Failing = true
		}
		fr.Findings = append(fr.Findings, Finding{Line: f.Line, Column: f.Column, Rule: f.Rule, Level: f.Severity.String(),
			Message: f.Message, Failing: r.Result.Failing[i]})
		out[f.File] = fr
	}
	return out
}

func riskRank(level string) int {
	switch level {
	case "low":
		return 1
	case "moderate":
		return 2
	case "high":
		return 3
	}
	return 0
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
