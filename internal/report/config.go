package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// ConfigView is the resolved configuration that `dbcd config check` shows.
// Target URLs in it are already redacted.
type ConfigView struct {
	File       string       `json:"file"`
	Migrations string       `json:"migrations_dir"`
	Template   string       `json:"template"`
	History    string       `json:"history_table"`
	Stages     []StageView  `json:"stages"`
	Policies   []PolicyView `json:"policies"`
	Roles      []RoleView   `json:"roles"`
	Risk       []string     `json:"risk"`
	Approval   []string     `json:"approval"`
	Files      int          `json:"files"`
}

// StageView is one stage of a ConfigView.
type StageView struct {
	Name    string       `json:"name"`
	After   []string     `json:"after"`
	Policy  string       `json:"policy"`
	Rollout string       `json:"rollout"`
	Targets []TargetView `json:"targets"`
	Files   []FileView   `json:"files"`
}

// TargetView is one target database; URL is redacted.
type TargetView struct {
	Name string `json:"name"`
	DB   string `json:"db"`
	URL  string `json:"url"`
}

// FileView is a migration file a stage receives.
type FileView struct {
	Path    string `json:"path"`
	DB      string `json:"db"`
	Version string `json:"version"`
	Type    string `json:"type"`
}

// PolicyView is a review policy.
type PolicyView struct {
	Name      string `json:"name"`
	Extends   string `json:"extends"`
	Gate      string `json:"gate"`
	Overrides int    `json:"rule_overrides"`
}

// RoleView is a role and how many accounts hold it.
type RoleView struct {
	Name    string `json:"name"`
	Members int    `json:"members"`
}

// ConfigJSON renders the view as JSON.
func ConfigJSON(w io.Writer, v ConfigView) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ConfigText renders the view for people.
func ConfigText(w io.Writer, v ConfigView, color bool) error {
	st := newStyles(w, color)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", st.file.Render("Configuration "+v.File))
	fmt.Fprintf(&b, "  migrations  %s (template %s)\n", v.Migrations, v.Template)
	fmt.Fprintf(&b, "  history     %s\n", v.History)
	fmt.Fprintf(&b, "\n%s\n", st.file.Render("Stages, in rollout order"))
	for i, s := range v.Stages {
		line := fmt.Sprintf("  %d. %s", i+1, st.rule.Render(s.Name))
		if len(s.After) > 0 {
			line += "  after " + strings.Join(s.After, ", ")
		}
		line += "  policy " + s.Policy + "  rollout " + s.Rollout
		b.WriteString(line + "\n")
		for _, t := range s.Targets {
			fmt.Fprintf(&b, "     target %s  db %s  %s\n", t.Name, t.DB, st.pos.Render(t.URL))
		}
		fmt.Fprintf(&b, "     %s\n", plural(len(s.Files), "migration file"))
		for _, f := range s.Files {
			fmt.Fprintf(&b, "       %s  %s %s  %s\n", st.pos.Render(f.Version), f.Type, f.DB, f.Path)
		}
	}
	fmt.Fprintf(&b, "\n%s\n", st.file.Render("Review policies"))
	for _, p := range v.Policies {
		fmt.Fprintf(&b, "  %s  extends %s  gate %s  %s\n", p.Name, p.Extends, p.Gate, plural(p.Overrides, "rule override"))
	}
	if len(v.Roles) > 0 {
		var roles []string
		for _, r := range v.Roles {
			roles = append(roles, fmt.Sprintf("%s (%d)", r.Name, r.Members))
		}
		fmt.Fprintf(&b, "\nRoles     %s\n", strings.Join(roles, ", "))
	}
	for _, r := range v.Risk {
		fmt.Fprintf(&b, "Risk      %s\n", r)
	}
	for _, a := range v.Approval {
		fmt.Fprintf(&b, "Approval  %s\n", a)
	}
	b.WriteString("\n" + st.ok.Render(fmt.Sprintf("✓ config check: %s and %s are valid", v.File, plural(v.Files, "migration file"))) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}
