package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
)

// ApplyView is the outcome of `dbcd apply`, target by target.
type ApplyView struct {
	Stage   string            `json:"stage"`
	DryRun  bool              `json:"dry_run"`
	Targets []ApplyTargetView `json:"targets"`
	Blocked []string          `json:"blocked,omitempty"`
}

// ApplyTargetView is one target of an ApplyView.
type ApplyTargetView struct {
	Name     string          `json:"name"`
	DB       string          `json:"db"`
	Status   string          `json:"status"`
	Applied  []ApplyFileView `json:"applied"`
	Pending  []ApplyFileView `json:"pending"`
	Skipped  []ApplyFileView `json:"skipped,omitempty"`
	Warnings []string        `json:"warnings,omitempty"`
	Error    string          `json:"error,omitempty"`
	Seconds  float64         `json:"seconds"`
}

// ApplyFileView is one file on one target.
type ApplyFileView struct {
	Path       string  `json:"path"`
	Version    string  `json:"version"`
	Type       string  `json:"type"`
	Statements int     `json:"statements"`
	Applied    int     `json:"applied"`
	Seconds    float64 `json:"seconds"`
	Retries    int     `json:"retries,omitempty"`
	Reason     string  `json:"reason,omitempty"`
	Error      string  `json:"error,omitempty"`
}

// ApplyJSON renders the view as JSON.
func ApplyJSON(w io.Writer, v ApplyView) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ApplyText renders a summary table per target.
func ApplyText(w io.Writer, v ApplyView, color bool) error {
	st := newStyles(w, color)
	var b strings.Builder
	verb := "apply"
	if v.DryRun {
		verb = "apply --dry-run"
	}
	fmt.Fprintf(&b, "%s\n", st.file.Render(fmt.Sprintf("dbcd %s: stage %s", verb, v.Stage)))
	failed := 0
	for _, t := range v.Targets {
		sev := st.ok
		if t.Error != "" {
			sev = st.sev[diag.Error]
			failed++
		}
		fmt.Fprintf(&b, "  %s  db %s  %s  %.1fs\n", st.rule.Render(t.Name), t.DB, sev.Render(t.Status), t.Seconds)
		for _, f := range t.Applied {
			line := fmt.Sprintf("    applied  %s  (%d/%d statements, %.2fs", f.Path, f.Applied, f.Statements, f.Seconds)
			if f.Retries > 0 {
				line += fmt.Sprintf(", %d lock retries", f.Retries)
			}
			b.WriteString(line + ")\n")
		}
		for _, f := range t.Pending {
			fmt.Fprintf(&b, "    pending  %s\n", f.Path)
		}
		for _, f := range t.Skipped {
			fmt.Fprintf(&b, "    skipped  %s  (%s)\n", f.Path, f.Reason)
		}
		for _, wmsg := range t.Warnings {
			fmt.Fprintf(&b, "    %s %s\n", st.sev[diag.Warning].Render("warning:"), wmsg)
		}
		if t.Error != "" {
			fmt.Fprintf(&b, "    %s %s\n", st.sev[diag.Error].Render("error:"), strings.ReplaceAll(t.Error, "\n", "\n      "))
		}
	}
	for _, bl := range v.Blocked {
		fmt.Fprintf(&b, "  %s %s\n", st.sev[diag.Error].Render("blocked:"), bl)
	}
	switch {
	case len(v.Blocked) > 0:
		fmt.Fprintf(&b, "%s\n", st.sev[diag.Error].Render(fmt.Sprintf("✗ apply: blocked (%s); nothing ran", plural(len(v.Blocked), "reason"))))
	case failed > 0:
		fmt.Fprintf(&b, "%s\n", st.sev[diag.Error].Render(fmt.Sprintf("✗ apply: %d of %s failed", failed, plural(len(v.Targets), "target"))))
	default:
		fmt.Fprintf(&b, "%s\n", st.ok.Render(fmt.Sprintf("✓ apply: %s ok", plural(len(v.Targets), "target"))))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
