package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dbcd/dbcd/internal/risk"
)

var (
	stageName  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$]*$`)
	accountID  = regexp.MustCompile(`^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[0-9]+:[0-9a-fA-F-]{8,}|[0-9a-f]{24})$`)
	levels     = []string{"error", "warning", "off"}
)

// validate checks the meaning of a decoded configuration: references between
// stages, policies and roles, allowed values, and expressions.
func validate(ps *problems, c *Config, expanded map[string]bool) {
	validateMigrations(ps, c)
	if c.History.Table != "" {
		if err := checkTableName(c.History.Table); err != nil {
			ps.add("history.table", "bad-value", "", "%v", err)
		}
	}
	validateStages(ps, c, expanded)
	validateReview(ps, c)
	validateRoles(ps, c)
	validateRisk(ps, c)
	oneOf(ps, "apply.on_drift", c.Apply.OnDrift, "block", "warn", "ignore")
	if c.Apply.LockRetries < 0 {
		ps.add("apply.lock_retries", "bad-value", "", "must be 0 or more, got %d", c.Apply.LockRetries)
	}
	validateWriteback(ps, c)
	for i, p := range c.Drift.Ignore {
		if _, err := path.Match(p, ""); err != nil || p == "" {
			ps.add(fmt.Sprintf("drift.ignore[%d]", i), "bad-value", "", "invalid pattern %q (use * and ? as in public.tmp_*)", p)
		}
	}
}

func validateMigrations(ps *problems, c *Config) {
	m := c.Migrations
	switch {
	case m.Dir == "":
		ps.add("migrations.dir", "missing-key", "", "must not be empty")
	case path.IsAbs(m.Dir) || strings.HasPrefix(m.Dir, "/") || escapes(m.Dir):
		ps.add("migrations.dir", "bad-value", "", "%q must be a relative path inside the repository", m.Dir)
	}
	if err := checkTemplate(m.Template, true); err != nil {
		ps.add("migrations.template", "bad-value", "", "%v", err)
	}
	if err := checkTemplate(m.SchemaTemplate, false); err != nil {
		ps.add("migrations.schema_template", "bad-value", "", "%v", err)
	}
	oneOf(ps, "migrations.out_of_order", m.OutOfOrder, "allow", "warn", "error")
}

func validateStages(ps *problems, c *Config, expanded map[string]bool) {
	if len(c.Stages) == 0 {
		ps.add("stages", "missing-key", "add at least one stage, e.g. `stages: [{name: prod, targets: [{db: app, url: \"${PROD_URL}\"}]}]`",
			"no stages are defined")
		return
	}
	seen := map[string]int{}
	for i, s := range c.Stages {
		key := fmt.Sprintf("stages[%d]", i)
		switch {
		case s.Name == "":
			ps.add(key+".name", "missing-key", "", "every stage needs a name")
		case !stageName.MatchString(s.Name):
			ps.add(key+".name", "bad-value", "", "stage name %q may only use letters, digits, - and _", s.Name)
		default:
			if j, dup := seen[s.Name]; dup {
				ps.add(key+".name", "duplicate", "", "stage %q is defined twice (also stages[%d])", s.Name, j)
			} else {
				seen[s.Name] = i
			}
		}
		for k, a := range s.After {
			akey := fmt.Sprintf("%s.after[%d]", key, k)
			j, ok := seen[a]
			switch {
			case a == s.Name:
				ps.add(akey, "bad-reference", "", "stage %q cannot come after itself", a)
			case !ok && slices.Contains(c.StageNames(), a):
				ps.add(akey, "bad-reference", "stages roll out in the order they are listed", "stage %q is listed later than %q; move it before", a, s.Name)
			case !ok:
				ps.add(akey, "unknown-stage", "", "unknown stage %q (stages: %s)", a, strings.Join(c.StageNames(), ", "))
			default:
				_ = j
			}
		}
		if s.Policy != "" {
			if _, ok := c.Review.Policies[strings.ToLower(s.Policy)]; !ok && !slices.Contains(Presets, s.Policy) {
				ps.add(key+".policy", "unknown-policy", "", "unknown review policy %q (defined: %s; presets: %s)",
					s.Policy, strings.Join(sortedKeys(c.Review.Policies), ", "), strings.Join(Presets, ", "))
			}
		}
		for k, r := range s.Rollout.Roles {
			if _, ok := c.Roles[strings.ToLower(r)]; !ok {
				ps.add(fmt.Sprintf("%s.rollout.roles[%d]", key, k), "unknown-role", "define it under roles:", "unknown role %q", r)
			}
		}
		validateWaves(ps, key+".rollout.waves", s.Rollout.Waves)
		if s.Rollout.Parallel < 0 {
			ps.add(key+".rollout.parallel", "bad-value", "", "must be 1 or more, got %d", s.Rollout.Parallel)
		}
		validateTargets(ps, key, &c.Stages[i], expanded)
	}
}

func validateTargets(ps *problems, key string, s *Stage, expanded map[string]bool) {
	if len(s.Targets) == 0 {
		ps.add(key+".targets", "missing-key", "", "stage %q has no targets", s.Name)
		return
	}
	names := map[string]int{}
	for j := range s.Targets {
		t := &s.Targets[j]
		tkey := fmt.Sprintf("%s.targets[%d]", key, j)
		if t.DB == "" {
			ps.add(tkey+".db", "missing-key", "", "every target needs db: the logical database it serves")
		}
		if t.Name == "" {
			t.Name = t.DB
		}
		if t.Name != "" {
			if k, dup := names[t.Name]; dup {
				ps.add(tkey, "duplicate", "give each target of the database a distinct name:",
					"target name %q is used twice in stage %q (also targets[%d])", t.Name, s.Name, k)
			} else {
				names[t.Name] = j
			}
		}
		if t.URL == "" && !expanded[tkey+".url"] {
			ps.add(tkey+".url", "missing-key", "", "every target needs url (e.g. url: \"${PROD_DB_URL}\")")
		} else if t.URL != "" {
			if err := checkURL(t.URL); err != nil {
				ps.add(tkey+".url", "bad-value", "", "%v", err)
			}
		}
	}
}

// checkURL validates a connection string without ever quoting it.
func checkURL(s string) error {
	if strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") {
		if _, err := url.Parse(s); err != nil {
			return fmt.Errorf("not a valid postgres:// URL (special characters in the password must be percent-encoded)")
		}
		return nil
	}
	if strings.Contains(s, "=") {
		return nil // keyword/value form: host=... dbname=...
	}
	return fmt.Errorf("not a PostgreSQL connection string (use postgres://user:password@host:5432/db or host=... dbname=...)")
}

func validateWaves(ps *problems, key string, waves []string) {
	prevPct, prevN := 0.0, 0
	for i, w := range waves {
		wkey := fmt.Sprintf("%s[%d]", key, i)
		if strings.HasSuffix(w, "%") {
			p, err := strconv.ParseFloat(strings.TrimSuffix(w, "%"), 64)
			if err != nil || p <= 0 || p > 100 {
				ps.add(wkey, "bad-value", "", "wave %q must be a count (\"1\") or a percentage between 0%% and 100%%", w)
				continue
			}
			if p <= prevPct {
				ps.add(wkey, "bad-value", "", "wave %q must be larger than the wave before it", w)
			}
			prevPct = p
			continue
		}
		n, err := strconv.Atoi(w)
		if err != nil || n <= 0 {
			ps.add(wkey, "bad-value", "", "wave %q must be a count (\"1\") or a percentage (\"25%%\")", w)
			continue
		}
		if n <= prevN {
			ps.add(wkey, "bad-value", "", "wave %q must be larger than the wave before it", w)
		}
		prevN = n
	}
}

func validateReview(ps *problems, c *Config) {
	oneOf(ps, "review.gate", c.Review.Gate, "error", "warning")
	for _, name := range sortedKeys(c.Review.Policies) {
		p := c.Review.Policies[name]
		key := "review.policies." + name
		if p.Gate != "" {
			oneOf(ps, key+".gate", p.Gate, "error", "warning")
		}
		if p.Extends != "" && !slices.Contains(Presets, p.Extends) {
			if _, ok := c.Review.Policies[strings.ToLower(p.Extends)]; !ok {
				ps.add(key+".extends", "unknown-policy", "", "unknown policy %q (presets: %s)", p.Extends, strings.Join(Presets, ", "))
			} else if cyclic(c, name) {
				ps.add(key+".extends", "bad-reference", "", "policy %q extends itself through %q", name, p.Extends)
			}
		}
		for _, rule := range sortedKeys(p.Rules) {
			lvl := strings.ToLower(p.Rules[rule].Level)
			if !slices.Contains(levels, lvl) && lvl != "disabled" {
				ps.add(key+".rules."+rule, "bad-value", "", "level %q must be error, warning or off", p.Rules[rule].Level)
			}
		}
	}
}

func cyclic(c *Config, start string) bool {
	seen := map[string]bool{}
	for cur := start; cur != ""; cur = strings.ToLower(c.Review.Policies[cur].Extends) {
		if seen[cur] {
			return true
		}
		seen[cur] = true
		if _, ok := c.Review.Policies[cur]; !ok {
			return false
		}
	}
	return false
}

func validateRoles(ps *problems, c *Config) {
	for _, role := range sortedKeys(c.Roles) {
		key := "roles." + role
		if len(c.Roles[role]) == 0 {
			ps.add(key, "missing-key", "", "role %q has no members", role)
		}
		for i, id := range c.Roles[role] {
			if !accountID.MatchString(id) {
				ps.add(fmt.Sprintf("%s[%d]", key, i), "bad-value", "use the account_id (e.g. 557058:1b2c3d4e-...) or the {uuid} shown in the Bitbucket user's profile or API",
					"%q is not a Bitbucket account_id or {uuid}", id)
			}
		}
	}
	for _, lvl := range sortedKeys(c.Approval) {
		key := "approval." + lvl
		if _, err := risk.ParseLevel(lvl); err != nil {
			ps.add(key, "bad-value", "", "%v", err)
		}
		seen := map[string]bool{}
		for i, r := range c.Approval[lvl] {
			rk := fmt.Sprintf("%s[%d]", key, i)
			r = strings.ToLower(r)
			if _, ok := c.Roles[r]; !ok {
				ps.add(rk, "unknown-role", "define it under roles:", "unknown role %q (roles: %s)", r, strings.Join(sortedKeys(c.Roles), ", "))
			} else if seen[r] {
				ps.add(rk, "duplicate", "", "role %q appears twice in the approval flow", r)
			}
			seen[r] = true
		}
	}
}

func validateRisk(ps *problems, c *Config) {
	for i, r := range c.Risk {
		key := fmt.Sprintf("risk[%d]", i)
		if _, err := risk.ParseLevel(r.Level); err != nil {
			ps.add(key+".level", "bad-value", "", "%v", err)
		}
		if _, err := risk.Compile(r.When); err != nil {
			ps.add(key+".when", "bad-expression", "variables: environment_id, database_name, change_type, sql_type, table_name, affected_rows, table_rows",
				"CEL expression does not compile: %s", oneLine(err.Error()))
		}
	}
}

func validateWriteback(ps *problems, c *Config) {
	w := c.Writeback
	if w.Branch == "" || strings.ContainsAny(w.Branch, " ~^:?*[\\") || strings.Contains(w.Branch, "..") {
		ps.add("writeback.branch", "bad-value", "", "%q is not a valid branch name", w.Branch)
	}
	if _, err := mail.ParseAddress(w.Author); err != nil {
		ps.add("writeback.author", "bad-value", "", "%q must look like `Name <email@example.com>`", w.Author)
	}
	for _, v := range templateVars(w.Message) {
		if !slices.Contains([]string{"DB_NAME", "ENV_ID", "VERSION", "TARGET"}, v) {
			ps.add("writeback.message", "bad-value", "", "unknown variable {{%s}} (use DB_NAME, ENV_ID, VERSION, TARGET)", v)
		}
	}
}

func oneOf(ps *problems, key, val string, allowed ...string) {
	if !slices.Contains(allowed, val) {
		ps.add(key, "bad-value", "", "%q must be one of %s", val, strings.Join(allowed, ", "))
	}
}

func escapes(p string) bool {
	clean := path.Clean(strings.ReplaceAll(p, "\\", "/"))
	return clean == ".." || strings.HasPrefix(clean, "../")
}

func checkTableName(s string) error {
	parts := strings.Split(s, ".")
	if len(parts) > 2 {
		return fmt.Errorf("%q must be table or schema.table", s)
	}
	for _, p := range parts {
		if !identifier.MatchString(p) || len(p) > 63 {
			return fmt.Errorf("%q must be table or schema.table with plain identifiers (letters, digits, _; at most 63 bytes)", s)
		}
	}
	return nil
}

var templateVar = regexp.MustCompile(`\{\{\s*([A-Za-z_]*)\s*\}\}`)

func templateVars(s string) []string {
	var out []string
	for _, m := range templateVar.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
