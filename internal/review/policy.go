package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/suggest"
)

// PolicySpec is a policy as configured (dbcd.yaml review.policies.NAME).
type PolicySpec struct {
	Extends string
	Gate    string
	Rules   map[string]RuleSpec
}

// RuleSpec sets one rule (or "category:NAME") to a level, with options.
type RuleSpec struct {
	Level   string
	Options map[string]any
}

// Setting is a rule's level and options in a resolved policy.
type Setting struct {
	Level   diag.Severity
	Options map[string]any
}

// Policy is a resolved review policy.
type Policy struct {
	Name string
	// Gate is the lowest level that fails review and blocks apply.
	Gate  diag.Severity
	Rules map[string]Setting // by rule id; absent means off
}

// Level returns the level of rule id in the policy (Off when absent).
func (p *Policy) Level(id string) diag.Severity { return p.Rules[id].Level }

// ParseLevel parses a rule level: error, warning, off (Bytebase's ERROR,
// WARNING and DISABLED spellings are accepted).
func ParseLevel(s string) (diag.Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return diag.Error, nil
	case "warning", "warn":
		return diag.Warning, nil
	case "info", "notice":
		return diag.Info, nil
	case "off", "disabled", "disable":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown level %q (use error, warning or off)", s)
}

// Presets lists the built-in policies.
var Presets = []string{"recommended", "all", "bytebase-prod", "bytebase-dev", "bytebase-sample"}

// Preset returns a built-in policy.
func (c *Catalog) Preset(name string) (*Policy, bool) {
	p := &Policy{Name: name, Gate: diag.Error, Rules: map[string]Setting{}}
	switch name {
	case "recommended":
		for _, r := range c.rules {
			if r.Level != Off && r.Category != CategoryConvention && r.Category != CategoryBytebase {
				p.Rules[r.ID] = Setting{Level: r.Level}
			}
		}
	case "all":
		for _, r := range c.rules {
			lvl := r.Level
			if lvl == Off {
				lvl = diag.Warning
			}
			p.Rules[r.ID] = Setting{Level: lvl}
		}
	case "bytebase-prod", "bytebase-dev", "bytebase-sample":
		p.Gate = diag.Warning // Bytebase 2.x: a warning stops the automatic rollout
		for _, e := range bytebaseTemplate(name) {
			r, ok := c.Lookup(e.id)
			if !ok {
				continue // a rule this build does not have
			}
			p.Rules[r.ID] = Setting{Level: e.level, Options: e.options}
		}
		for _, id := range []string{RuleParseError, RuleSuppressionUnused, RuleDirectiveInvalid} {
			if r, ok := c.Lookup(id); ok {
				p.Rules[id] = Setting{Level: r.Level}
			}
		}
	default:
		return nil, false
	}
	return p, true
}

// Resolve turns configured policies into resolved ones. name is resolved by
// following extends (default "recommended"); gate is the review.gate default.
// Unknown rule ids, levels and presets are reported together, each naming
// its key under review.policies.
func (c *Catalog) Resolve(name string, specs map[string]PolicySpec, gate string) (*Policy, error) {
	var errs []string
	p, err := c.resolve(name, specs, gate, map[string]bool{}, &errs)
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return p, err
}

func (c *Catalog) resolve(name string, specs map[string]PolicySpec, gate string, seen map[string]bool, errs *[]string) (*Policy, error) {
	spec, ok := specs[name]
	if !ok {
		if p, ok := c.Preset(name); ok {
			if gate != "" {
				if g, err := ParseLevel(gate); err == nil && g != Off {
					p.Gate = g
				}
			}
			return p, nil
		}
		return nil, fmt.Errorf("unknown review policy %q (presets: %s)", name, strings.Join(Presets, ", "))
	}
	if seen[name] {
		return nil, fmt.Errorf("review policy %q extends itself", name)
	}
	seen[name] = true
	base := spec.Extends
	if base == "" {
		base = "recommended"
	}
	parent, err := c.resolve(base, specs, gate, seen, errs)
	if err != nil {
		return nil, err
	}
	p := &Policy{Name: name, Gate: parent.Gate, Rules: map[string]Setting{}}
	for id, s := range parent.Rules {
		p.Rules[id] = s
	}
	if spec.Gate != "" {
		g, err := ParseLevel(spec.Gate)
		if err != nil || g == Off {
			*errs = append(*errs, fmt.Sprintf("review.policies.%s.gate: %q must be error or warning", name, spec.Gate))
		} else {
			p.Gate = g
		}
	}
	ids := make([]string, 0, len(spec.Rules))
	for id := range spec.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids) // categories and rules apply in a stable order
	sort.SliceStable(ids, func(i, j int) bool {
		return strings.HasPrefix(ids[i], "category:") && !strings.HasPrefix(ids[j], "category:")
	})
	for _, id := range ids {
		rs := spec.Rules[id]
		key := fmt.Sprintf("review.policies.%s.rules.%s", name, id)
		lvl, err := ParseLevel(rs.Level)
		if err != nil {
			*errs = append(*errs, key+": "+err.Error())
			continue
		}
		if cat, ok := strings.CutPrefix(id, "category:"); ok {
			found := false
			for _, r := range c.rules {
				if r.Category == cat {
					found = true
					p.Rules[r.ID] = Setting{Level: lvl, Options: p.Rules[r.ID].Options}
				}
			}
			if !found {
				*errs = append(*errs, fmt.Sprintf("%s: unknown category %q (categories: %s)", key, cat, strings.Join(c.Categories(), ", ")))
			}
			continue
		}
		r, ok := c.Lookup(id)
		if !ok {
			*errs = append(*errs, fmt.Sprintf("%s: unknown rule %q (`dbcd rules` lists them)%s", key, id, c.suggest(id)))
			continue
		}
		for opt := range rs.Options {
			if _, known := r.Options[opt]; !known {
				*errs = append(*errs, fmt.Sprintf("%s: rule %s has no option %q%s", key, r.ID, opt, optionList(r)))
			}
		}
		if r.ID == RuleParseError && lvl != diag.Error {
			*errs = append(*errs, key+": syntax.parse-error is always an error and cannot be turned off")
			continue
		}
		opts := map[string]any{}
		for k, v := range p.Rules[r.ID].Options {
			opts[k] = v
		}
		for k, v := range rs.Options {
			opts[k] = v
		}
		p.Rules[r.ID] = Setting{Level: lvl, Options: opts}
	}
	for id, s := range p.Rules {
		if s.Level == Off {
			delete(p.Rules, id)
		}
	}
	return p, nil
}

func optionList(r *Rule) string {
	if len(r.Options) == 0 {
		return " (it takes no options)"
	}
	names := make([]string, 0, len(r.Options))
	for k := range r.Options {
		names = append(names, k)
	}
	sort.Strings(names)
	return " (options: " + strings.Join(names, ", ") + ")"
}

func (c *Catalog) suggest(id string) string {
	ids := make([]string, len(c.rules))
	for i, r := range c.rules {
		ids[i] = r.ID
	}
	if best := suggest.Closest(id, ids); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}
