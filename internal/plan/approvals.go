package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dbcd/dbcd/internal/approval"
)

// PullRequest is the evidence for a file: the pull request that brought
// it, who approved it and whose approvals never count.
type PullRequest struct {
	ID    int    `json:"id"`
	Link  string `json:"link,omitempty"`
	Title string `json:"title,omitempty"`
	// Author wrote the pull request; Approvers approve it now; Excluded
	// are the people whose approvals do not count (the author, the token's
	// own account).
	Author    approval.Person   `json:"author"`
	Approvers []approval.Person `json:"-"`
	Excluded  []approval.Person `json:"-"`
}

// Evidence finds the pull request that brought a migration file.
type Evidence interface {
	PullRequest(ctx context.Context, path string) (*PullRequest, error)
}

// Approval is what a file's risk level requires and what is held.
type Approval struct {
	// Required are the ordered approval steps (roles); empty when the risk
	// level needs none.
	Required  []string `json:"required"`
	Steps     []Step   `json:"steps,omitempty"`
	Satisfied bool     `json:"satisfied"`
	// Missing are the roles still without an approver, in order.
	Missing     []string     `json:"missing,omitempty"`
	PullRequest *PullRequest `json:"pull_request,omitempty"`
	// Error says why approvals could not be checked; Unavailable marks a
	// failure to reach Bitbucket (as opposed to missing evidence).
	Error       string `json:"error,omitempty"`
	Unavailable bool   `json:"unavailable,omitempty"`
}

// Step is one approval step.
type Step struct {
	Role string `json:"role"`
	// By names who satisfied it; empty while missing.
	By string `json:"by,omitempty"`
}

// Summary says in one line what is missing.
func (a Approval) Summary() string {
	switch {
	case a.Satisfied:
		return "approved"
	case a.Error != "":
		return "approvals " + strings.Join(a.Required, " -> ") + " cannot be checked: " + a.Error
	}
	s := "needs approval by " + strings.Join(a.Missing, ", ")
	if a.PullRequest != nil && a.PullRequest.Link != "" {
		s += " on " + a.PullRequest.Link
	} else if a.PullRequest != nil {
		s += fmt.Sprintf(" on pull request #%d", a.PullRequest.ID)
	}
	return s
}

// approvalFor evaluates the approval flow of a risk level for one file.
func approvalFor(ctx context.Context, in Input, level, path string, ev *evidenceCache) Approval {
	steps := in.Approval[level]
	a := Approval{Required: append([]string{}, steps...)}
	if len(steps) == 0 {
		a.Satisfied = true
		return a
	}
	if ev == nil || ev.src == nil {
		a.Error = in.EvidenceMissing
		if a.Error == "" {
			a.Error = "no pull request evidence available"
		}
		a.Missing = a.Required
		return a
	}
	pr, err := ev.get(ctx, path)
	if err != nil {
		var ue *UnavailableError
		a.Error, a.Missing, a.Unavailable = firstLine(err.Error()), a.Required, errors.As(err, &ue)
		return a
	}
	a.PullRequest = pr
	res, err := approval.Evaluate(steps, in.Roles, pr.Approvers, pr.Excluded)
	if err != nil {
		a.Error, a.Missing = err.Error(), a.Required
		return a
	}
	for _, s := range res.Steps {
		st := Step{Role: s.Role}
		if s.Satisfied() {
			st.By = s.Approver.String()
		}
		a.Steps = append(a.Steps, st)
	}
	a.Satisfied, a.Missing = res.Satisfied, res.Missing
	return a
}

// rolloutStatus decides whether the actor may roll the stage out.
func rolloutStatus(in Input) RolloutStatus {
	r := RolloutStatus{Manual: in.Rollout.Manual, Roles: in.Rollout.Roles, Actor: in.Actor.ID, Via: in.Actor.Via}
	if !r.Manual {
		r.Allowed = true
		return r
	}
	if in.Actor.ID == "" {
		r.Reason = fmt.Sprintf("the stage has rollout.manual: true and only %s may roll it out; nobody is identified "+
			"(a manual step sets BITBUCKET_STEP_TRIGGERER_UUID; outside Pipelines pass --i-am)", roleList(r.Roles))
		return r
	}
	role, ok := approval.MemberOf(in.Actor.ID, r.Roles, in.Roles)
	for _, id := range in.Actor.Aliases {
		if !ok && id != "" {
			role, ok = approval.MemberOf(id, r.Roles, in.Roles)
		}
	}
	if !ok {
		r.Reason = fmt.Sprintf("%s (%s) is not in the rollout roles %s", in.Actor.ID, in.Actor.Via, roleList(r.Roles))
		return r
	}
	r.Allowed, r.Role = true, role
	return r
}

func roleList(roles []string) string {
	if len(roles) == 0 {
		return "(no roles configured)"
	}
	return strings.Join(roles, ", ")
}

// evidenceCache asks for each file's pull request once.
type evidenceCache struct {
	src Evidence
	mu  sync.Mutex
	got map[string]evidenceResult
}

type evidenceResult struct {
	pr  *PullRequest
	err error
}

func newEvidenceCache(src Evidence) *evidenceCache {
	return &evidenceCache{src: src, got: map[string]evidenceResult{}}
}

func (c *evidenceCache) get(ctx context.Context, path string) (*PullRequest, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.got[path]; ok {
		return r.pr, r.err
	}
	pr, err := c.src.PullRequest(ctx, path)
	c.got[path] = evidenceResult{pr, err}
	return pr, err
}
