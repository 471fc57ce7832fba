// Package approval decides whether the approvals on a pull request satisfy
// an approval flow, and whether an account holds a rollout role. It is pure
// logic: the caller reads the pull request, the token's own account and the
// step's triggerer from Bitbucket and passes plain values in.
//
// A flow is the ordered list of roles under approval.<risk level> in
// dbcd.yaml, for example [owner, dba]. Roles map to Bitbucket account ids
// ("557058:…" or the older 24-hex form) or account UUIDs ("{b5b1…}"); ids
// match case-insensitively and UUIDs match with or without their braces.
//
// Bitbucket has no sequential approvals: a pull request only records who
// approves it now. So a flow is satisfied when every step has an approver in
// its role, each step by a different person (one person in both owner and
// dba satisfies one step, not two). Steps are reported in the flow's order,
// but the approvals' timestamps are not required to follow that order. The
// PR author's approval and the token's own never count: the caller passes
// them as excluded.
//
// Approvers are assigned to steps by a maximum bipartite matching, so the
// outcome never depends on the order Bitbucket lists participants in: when
// not every step can be satisfied, the earliest steps are the ones reported
// satisfied, and the approver shown for a step is chosen in a fixed order.
package approval

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Person is a Bitbucket account as seen on a pull request. UUID and AccountID
// identify it (either may be empty); Name is for display only.
type Person struct {
	UUID      string
	AccountID string
	Name      string
}

// String returns the person's name, else an id.
func (p Person) String() string {
	return cmp.Or(p.Name, p.AccountID, p.UUID, "unknown account")
}

// ids returns the person's normalised non-empty ids.
func (p Person) ids() []string {
	var ids []string
	for _, id := range []string{p.AccountID, p.UUID} {
		if n := NormalizeID(id); n != "" {
			ids = append(ids, n)
		}
	}
	return ids
}

// sameAs reports whether p and q share an id.
func (p Person) sameAs(q Person) bool {
	for _, a := range p.ids() {
		if slices.Contains(q.ids(), a) {
			return true
		}
	}
	return false
}

// in reports whether one of p's ids is in the set.
func (p Person) in(set map[string]bool) bool {
	for _, id := range p.ids() {
		if set[id] {
			return true
		}
	}
	return false
}

// NormalizeID returns a role member or account id in the form ids are
// compared in: trimmed, lower case, without the braces around a UUID.
func NormalizeID(id string) string {
	id = strings.ToLower(strings.TrimSpace(id))
	return strings.TrimSuffix(strings.TrimPrefix(id, "{"), "}")
}

// StepResult is one step of a flow.
type StepResult struct {
	// Role is the role the step needs.
	Role string
	// Approver is the person who satisfies the step, or nil when it is
	// missing.
	Approver *Person
	// Members is the number of accounts in the role.
	Members int
}

// Satisfied reports whether the step has its approver.
func (s StepResult) Satisfied() bool { return s.Approver != nil }

// Result is the evaluation of a flow.
type Result struct {
	// Steps are the flow's steps, in order.
	Steps []StepResult
	// Satisfied is true when every step has its approver; an empty flow is
	// satisfied.
	Satisfied bool
	// Missing names the roles of the unsatisfied steps, in order (a role
	// appears twice when two of its steps lack approvers).
	Missing []string
	// Ignored are approvers whose approval does not count because they are
	// excluded (the PR author, the token's own account).
	Ignored []Person
}

// Evaluate checks the approvals on a pull request against a flow: steps are
// the role names in order, roles maps each role to its members' ids,
// approvers are the people who approve the pull request and excluded the
// people whose approval never counts. An approver listed twice (by UUID and
// by account id, say) is one person. A step naming a role missing from roles
// is an error.
func Evaluate(steps []string, roles map[string][]string, approvers, excluded []Person) (Result, error) {
	members := make([]map[string]bool, len(steps))
	for i, role := range steps {
		ids, ok := roles[role]
		if !ok {
			return Result{}, fmt.Errorf("approval step %d needs role %q, which is not defined under roles", i+1, role)
		}
		members[i] = idSet(ids)
	}
	counted, ignored := sortOut(approvers, excluded)

	// canApprove[i] lists the people who may satisfy step i.
	canApprove := make([][]int, len(steps))
	for i := range steps {
		for j, p := range counted {
			if p.in(members[i]) {
				canApprove[i] = append(canApprove[i], j)
			}
		}
	}
	stepOf := match(canApprove, len(counted))

	res := Result{Satisfied: true, Ignored: ignored}
	approverOf := make([]int, len(steps))
	for i := range approverOf {
		approverOf[i] = -1
	}
	for j, i := range stepOf {
		if i >= 0 {
			approverOf[i] = j
		}
	}
	for i, role := range steps {
		st := StepResult{Role: role, Members: len(members[i])}
		if j := approverOf[i]; j >= 0 {
			p := counted[j]
			st.Approver = &p
		} else {
			res.Satisfied = false
			res.Missing = append(res.Missing, role)
		}
		res.Steps = append(res.Steps, st)
	}
	return res, nil
}

// idSet returns the normalised ids as a set.
func idSet(ids []string) map[string]bool {
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		if n := NormalizeID(id); n != "" {
			set[n] = true
		}
	}
	return set
}

// sortOut merges approvers listed more than once, drops those without ids,
// and splits them into those whose approval counts and those excluded, each
// in a fixed order.
func sortOut(approvers, excluded []Person) (counted, ignored []Person) {
	var people []Person
	for _, a := range approvers {
		if len(a.ids()) == 0 {
			continue
		}
		i := slices.IndexFunc(people, a.sameAs)
		if i < 0 {
			people = append(people, a)
			continue
		}
		p := &people[i]
		p.UUID, p.AccountID, p.Name = cmp.Or(p.UUID, a.UUID), cmp.Or(p.AccountID, a.AccountID), cmp.Or(p.Name, a.Name)
	}
	slices.SortFunc(people, func(a, b Person) int {
		return cmp.Or(
			cmp.Compare(NormalizeID(a.AccountID), NormalizeID(b.AccountID)),
			cmp.Compare(NormalizeID(a.UUID), NormalizeID(b.UUID)),
			cmp.Compare(a.Name, b.Name))
	})
	for _, p := range people {
		if slices.ContainsFunc(excluded, p.sameAs) {
			ignored = append(ignored, p)
		} else {
			counted = append(counted, p)
		}
	}
	return counted, ignored
}

// match finds a maximum matching of steps to people, where canApprove[i]
// lists the people step i accepts. It returns, per person, the step matched
// to them or -1. Steps are tried in order and a matched step stays matched
// while later steps look for augmenting paths, so the steps left unmatched
// are the latest ones possible.
func match(canApprove [][]int, people int) []int {
	stepOf := make([]int, people)
	for j := range stepOf {
		stepOf[j] = -1
	}
	var augment func(i int, seen []bool) bool
	augment = func(i int, seen []bool) bool {
		for _, j := range canApprove[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if stepOf[j] < 0 || augment(stepOf[j], seen) {
				stepOf[j] = i
				return true
			}
		}
		return false
	}
	for i := range canApprove {
		augment(i, make([]bool, people))
	}
	return stepOf
}

// MemberOf returns the first of roleNames whose members include id (an
// account id or UUID, such as BITBUCKET_STEP_TRIGGERER_UUID or --i-am). Role
// names missing from roles match nothing; an empty id matches nothing.
func MemberOf(id string, roleNames []string, roles map[string][]string) (role string, ok bool) {
	n := NormalizeID(id)
	if n == "" {
		return "", false
	}
	for _, name := range roleNames {
		if idSet(roles[name])[n] {
			return name, true
		}
	}
	return "", false
}
