package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
)

// DriftView is the outcome of `dbcd drift` for a stage.
type DriftView struct {
	Stage   string            `json:"stage"`
	Targets []DriftTargetView `json:"targets"`
}

// DriftTargetView is one target of a DriftView.
type DriftTargetView struct {
	Name     string            `json:"name"`
	Baseline string            `json:"baseline"`
	Drifted  bool              `json:"drifted"`
	Changes  []DriftChangeView `json:"changes"`
	Issues   []string          `json:"issues"`
	Error    string            `json:"error,omitempty"`
}

// DriftChangeView is one changed object.
type DriftChangeView struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Op      string `json:"op"`
	Summary string `json:"summary"`
	Diff    string `json:"diff,omitempty"`
}

// DriftJSON renders the view as JSON.
func DriftJSON(w io.Writer, v DriftView) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// DriftText renders the changes grouped by target; verbose adds the unified
// diff of each changed object's SQL.
func DriftText(w io.Writer, v DriftView, color, verbose bool) error {
	st := newStyles(w, color)
	var b strings.Builder
	drifted, failed := 0, 0
	for _, t := range v.Targets {
		switch {
		case t.Error != "":
			failed++
			fmt.Fprintf(&b, "%s  %s %s\n", st.file.Render(v.Stage+"/"+t.Name), st.sev[diag.Error].Render("not checked:"), t.Error)
			continue
		case !t.Drifted && t.Baseline == "none":
			fmt.Fprintf(&b, "%s  no baseline: no snapshot recorded by dbcd apply and no LATEST file\n", st.file.Render(v.Stage+"/"+t.Name))
			continue
		case !t.Drifted:
			fmt.Fprintf(&b, "%s  %s (compared with %s)\n", st.file.Render(v.Stage+"/"+t.Name), st.ok.Render("no drift"), t.Baseline)
			continue
		}
		drifted++
		fmt.Fprintf(&b, "%s  %s (compared with %s)\n", st.file.Render(v.Stage+"/"+t.Name), st.sev[diag.Error].Render("drifted"), t.Baseline)
		for _, c := range t.Changes {
			fmt.Fprintf(&b, "  %s\n", c.Summary)
			if verbose && c.Diff != "" {
				b.WriteString("    " + strings.ReplaceAll(strings.TrimRight(c.Diff, "\n"), "\n", "\n    ") + "\n")
			}
		}
		for _, i := range t.Issues {
			fmt.Fprintf(&b, "  %s %s\n", st.sev[diag.Warning].Render("history:"), i)
		}
	}
	switch {
	case drifted > 0:
		fmt.Fprintf(&b, "%s\n", st.sev[diag.Error].Render(fmt.Sprintf("✗ drift: %d of %s drifted", drifted, plural(len(v.Targets), "target"))))
	case failed > 0:
		fmt.Fprintf(&b, "%s\n", st.sev[diag.Error].Render(fmt.Sprintf("✗ drift: %d of %s could not be checked", failed, plural(len(v.Targets), "target"))))
	default:
		fmt.Fprintf(&b, "%s\n", st.ok.Render(fmt.Sprintf("✓ drift: none on %s", plural(len(v.Targets), "target"))))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DriftJUnit renders one test per target, failing when it drifted.
func DriftJUnit(w io.Writer, v DriftView) error {
	doc := junitSuites{Name: "dbcd drift " + v.Stage}
	s := junitSuite{Name: "dbcd drift " + v.Stage}
	for _, t := range v.Targets {
		c := junitCase{Name: t.Name, Classname: v.Stage}
		switch {
		case t.Error != "":
			c.Failure = &junitFailure{Message: firstLine(t.Error), Type: "error", Body: t.Error}
		case t.Drifted:
			var body []string
			for _, ch := range t.Changes {
				body = append(body, ch.Summary)
			}
			body = append(body, t.Issues...)
			c.Failure = &junitFailure{Message: fmt.Sprintf("%d change(s) made outside dbcd", len(body)), Type: "drift", Body: strings.Join(body, "\n")}
		}
		if c.Failure != nil {
			s.Failures++
		}
		s.Cases = append(s.Cases, c)
	}
	s.Tests = len(s.Cases)
	doc.Tests, doc.Failures = s.Tests, s.Failures
	doc.Suites = []junitSuite{s}
	return writeJUnit(w, doc)
}
