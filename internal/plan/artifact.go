package plan

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Read loads a plan written by `dbcd plan --out`.
func Read(path string) (*Plan, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the plan: %w", err)
	}
	var p Plan
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: not a dbcd plan (%v): write it with dbcd plan --out", path, err)
	}
	if p.Version != FormatVersion {
		return nil, fmt.Errorf("%s: plan format version %d, this dbcd reads version %d: plan again with this dbcd", path, p.Version, FormatVersion)
	}
	for _, t := range p.Targets {
		if t.Fingerprint == nil && t.Status != StatusUnreachable && t.Status != StatusBlocked {
			return nil, fmt.Errorf("%s: target %s has no fingerprint: write the plan with dbcd plan --out", path, t.Name)
		}
	}
	return &p, nil
}

// Stale compares a saved plan with the current one and lists, target by
// target, what changed since it was made: another stage, a target not in
// the plan, a different cluster, history rows written since, schema
// changes, pending files added, removed or edited. Planned targets that are
// not selected now (--target, --shard) are not this apply's business. It is
// empty when apply may go ahead.
func Stale(saved, now *Plan) []string {
	var out []string
	if saved.Stage != now.Stage {
		return []string{fmt.Sprintf("the plan is for stage %s, not %s", saved.Stage, now.Stage)}
	}
	old := map[string]*TargetPlan{}
	for _, t := range saved.Targets {
		old[t.Name] = t
	}
	for _, t := range now.Targets {
		o := old[t.Name]
		if o == nil {
			out = append(out, fmt.Sprintf("%s: target not in the plan", t.Name))
			continue
		}
		out = append(out, staleTarget(o, t)...)
	}
	return out
}

func staleTarget(o, t *TargetPlan) []string {
	var out []string
	add := func(format string, args ...any) {
		out = append(out, t.Name+": "+fmt.Sprintf(format, args...))
	}
	a, b := o.Fingerprint, t.Fingerprint
	switch {
	case a == nil || b == nil:
		add("not fingerprinted when planned (it was %s) or now: plan again", o.Status)
	default:
		// Only cluster identities are compared: an address differs when plan
		// reads through another host name or a replica (which shares the
		// primary's system identifier) while apply writes to the primary.
		if a.Server != b.Server && strings.HasPrefix(a.Server, "system ") && strings.HasPrefix(b.Server, "system ") {
			add("server changed (%s, now %s)", a.Server, b.Server)
		}
		if a.HistoryDigest != b.HistoryDigest {
			add("history changed since the plan (%d rows, now %d): another apply or resolve ran", a.HistoryRows, b.HistoryRows)
		}
		if a.SchemaHash != b.SchemaHash {
			add("schema changed since the plan (hash %s, now %s)", a.SchemaHash, b.SchemaHash)
		}
	}
	before := map[string]string{}
	for _, f := range o.Files {
		before[f.Path] = f.Checksum
	}
	after := map[string]bool{}
	for _, f := range t.Files {
		after[f.Path] = true
		switch sum, ok := before[f.Path]; {
		case !ok:
			add("%s is pending now but was not in the plan", f.Path)
		case sum != f.Checksum:
			add("%s changed since the plan (checksum %s, now %s)", f.Path, sum, f.Checksum)
		}
	}
	for _, f := range o.Files {
		if !after[f.Path] {
			add("%s was planned but is no longer pending", f.Path)
		}
	}
	return out
}
