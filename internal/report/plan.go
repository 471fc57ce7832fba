package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/plan"
)

// PlanJSON renders a plan as JSON (schema/plan.schema.json); it is also the
// plan file that apply --plan reads.
func PlanJSON(w io.Writer, p *plan.Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// PlanText renders a plan for a terminal: per target a table of its pending
// files (version, type, strongest lock, risk, review, approvals), then why
// the target waits or is blocked, then the shadow run's schema change.
func PlanText(w io.Writer, p *plan.Plan, color bool) error {
	st := newStyles(w, color)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", st.file.Render("dbcd plan: stage "+p.Stage))
	b.WriteString(rolloutLine(p.Rollout) + "\n")
	for _, t := range p.Targets {
		b.WriteString("\n")
		fmt.Fprintf(&b, "%s  db %s  %s\n", st.rule.Render(t.Name), t.DB, statusStyle(st, t.Status).Render(t.Status))
		if len(t.Files) > 0 {
			writePlanTable(&b, st, t.Files)
		}
		for _, s := range t.Skipped {
			fmt.Fprintf(&b, "    skipped  %s: %s\n", s.Path, s.Reason)
		}
		for _, f := range t.Files {
			writePlanFileDetails(&b, st, f)
		}
		if d := t.Drift; d != nil {
			switch {
			case d.Error != "":
				fmt.Fprintf(&b, "    drift: not checked: %s\n", d.Error)
			case d.Drifted:
				fmt.Fprintf(&b, "    drift: %s\n", st.sev[diag.Warning].Render("drifted: "+strings.Join(d.Objects, ", ")))
			default:
				b.WriteString("    drift: none\n")
			}
		}
		for _, w := range t.Warnings {
			fmt.Fprintf(&b, "    %s %s\n", st.sev[diag.Warning].Render("warning:"), w)
		}
		for _, r := range t.Reasons {
			fmt.Fprintf(&b, "    %s %s\n", statusStyle(st, t.Status).Render("•"), r)
		}
		if s := t.Shadow; s != nil {
			writeShadow(&b, st, t.Name, s)
		}
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "\nnote: %s\n", n)
	}
	fmt.Fprintf(&b, "\n%s\n", planSummaryLine(p))
	_, err := io.WriteString(w, b.String())
	return err
}

func rolloutLine(r plan.RolloutStatus) string {
	if !r.Manual {
		return "rollout: automatic"
	}
	s := "rollout: manual, by " + strings.Join(r.Roles, ", ")
	switch {
	case r.Allowed:
		s += fmt.Sprintf("; %s holds %s (%s)", r.Actor, r.Role, r.Via)
	case r.Actor != "":
		s += fmt.Sprintf("; %s (%s) may not", r.Actor, r.Via)
	default:
		s += "; nobody identified yet"
	}
	return s
}

func statusStyle(st styles, status string) interface{ Render(...string) string } {
	switch status {
	case plan.StatusBlocked, plan.StatusUnreachable:
		return st.sev[diag.Error]
	case plan.StatusWaiting:
		return st.sev[diag.Warning]
	}
	return st.ok
}

// writePlanTable writes the pending files as aligned columns.
func writePlanTable(b *strings.Builder, st styles, files []*plan.FilePlan) {
	head := []string{"#", "FILE", "TYPE", "LOCK", "RISK", "REVIEW", "APPROVAL"}
	rows := [][]string{head}
	for i, f := range files {
		lock := f.Lock
		if lock == "" {
			lock = "-"
		}
		switch {
		case f.Rewrite:
			lock += " +rewrite"
		case f.Scan:
			lock += " +scan"
		}
		if f.NoTransaction {
			lock += " (no-tx)"
		}
		rev := "clean"
		if f.Review.Errors+f.Review.Warnings > 0 {
			rev = fmt.Sprintf("%dE %dW", f.Review.Errors, f.Review.Warnings)
		}
		if f.Review.Failing {
			rev += " FAIL"
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), baseName(f.Path), f.Type, lock, f.Risk.Level, rev, approvalCell(f.Approval)})
	}
	width := make([]int, len(head))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	for k, r := range rows {
		var line strings.Builder
		line.WriteString("    ")
		for i, c := range r {
			pad := c + strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == len(r)-1 {
				pad = strings.TrimRight(pad, " ")
			}
			switch {
			case k == 0:
				pad = st.pos.Render(pad)
			case i == 4 && c == "high":
				pad = st.sev[diag.Error].Render(pad)
			case i == 4 && c == "moderate":
				pad = st.sev[diag.Warning].Render(pad)
			}
			line.WriteString(pad)
			if i < len(r)-1 {
				line.WriteString("  ")
			}
		}
		b.WriteString(line.String() + "\n")
	}
}

func approvalCell(a plan.Approval) string {
	switch {
	case len(a.Required) == 0:
		return "-"
	case a.Satisfied:
		return "approved"
	}
	var parts []string
	for i, r := range a.Required {
		mark := "✗"
		if i < len(a.Steps) && a.Steps[i].By != "" {
			mark = "✓"
		}
		parts = append(parts, mark+r)
	}
	return strings.Join(parts, " -> ")
}

// writePlanFileDetails writes what a reader needs beyond the table: the
// risk rule, locks that block traffic, approvals held, gating, findings.
func writePlanFileDetails(b *strings.Builder, st styles, f *plan.FilePlan) {
	var lines []string
	if f.Risk.Level != "low" {
		lines = append(lines, "risk "+f.Risk.Level+": "+f.Risk.Reason)
	}
	for _, n := range f.Risk.Notes {
		lines = append(lines, "risk note: "+n)
	}
	for _, s := range f.Statements {
		for _, l := range s.Locks {
			if !l.BlocksWrites {
				continue
			}
			what := "blocks writes"
			if l.BlocksReads {
				what = "blocks reads and writes"
			}
			extra := ", held briefly (no rewrite, no scan)"
			if l.Rewrite {
				extra = ", rewrites the table"
			} else if l.Scan {
				extra = ", scans the table"
			}
			lines = append(lines, fmt.Sprintf("line %d %s: %s on %s %s%s", s.Line, s.Kind, l.Mode, l.Relation, what, extra))
		}
	}
	if a := f.Approval; len(a.Required) > 0 {
		var held []string
		for _, s := range a.Steps {
			if s.By != "" {
				held = append(held, s.Role+" by "+s.By)
			}
		}
		line := "approval " + strings.Join(a.Required, " -> ")
		if len(held) > 0 {
			line += ": " + strings.Join(held, ", ")
		}
		if !a.Satisfied {
			line += "; " + a.Summary()
		}
		lines = append(lines, line)
	}
	for _, g := range f.Gate {
		lines = append(lines, "not done yet: "+g)
	}
	for _, fd := range f.Review.Findings {
		lines = append(lines, fmt.Sprintf("%s:%d:%d %s %s [%s]", f.Path, fd.Line, fd.Column, fd.Level, fd.Message, fd.Rule))
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(b, "    %s\n", st.pos.Render(f.Path))
	for _, l := range lines {
		fmt.Fprintf(b, "      %s\n", l)
	}
}

// writeShadow shows a successful shadow run's schema change the way
// history --diff shows a migration's.
func writeShadow(b *strings.Builder, st styles, target string, s *plan.Shadow) {
	if !s.OK {
		return // the target's reasons say it
	}
	v := SchemaChangeView{Target: fmt.Sprintf("shadow run: ok, %d schema change(s)", len(s.Changes)),
		From: "the current schema of " + target, To: "after the pending files",
		Available: true, Exact: true, Changes: []SchemaObjectChange{}}
	for _, c := range s.Changes {
		v.Changes = append(v.Changes, SchemaObjectChange{Kind: c.Kind, Name: c.Name, Op: c.Op, Summary: c.Summary, Diff: c.Diff})
	}
	var sec strings.Builder
	writeSchemaChange(&sec, st, v)
	for _, l := range strings.Split(strings.TrimRight(sec.String(), "\n"), "\n") {
		b.WriteString("    " + l + "\n")
	}
}

func planSummaryLine(p *plan.Plan) string {
	var parts []string
	for _, s := range []string{plan.StatusReady, plan.StatusWaiting, plan.StatusBlocked, plan.StatusUnreachable, plan.StatusUpToDate} {
		if n := p.Summary.ByStatus[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	s := fmt.Sprintf("%d target(s): %s; %d pending file(s)", p.Summary.Targets, strings.Join(parts, ", "), p.Summary.Pending)
	if p.Summary.HighestRisk != "" {
		s += ", highest risk " + p.Summary.HighestRisk
	}
	return s
}

func baseName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// PlanJUnit renders a plan as JUnit XML: one testsuite per target, one test
// case per pending file, failing when the target is blocked by it, skipped
// while it waits for approvals or an earlier stage.
func PlanJUnit(w io.Writer, p *plan.Plan) error {
	doc := junitSuites{Name: "dbcd plan " + p.Stage}
	for _, t := range p.Targets {
		s := junitSuite{Name: p.Stage + "/" + t.Name}
		for _, f := range t.Files {
			c := junitCase{Name: f.Path, Classname: t.Name}
			switch {
			case f.Review.Failing:
				c.Failure = &junitFailure{Message: "review findings at the stage's gate", Type: "review", Body: findingLines(f.Path, f.Review.Findings)}
				s.Failures++
			case !f.Approval.Satisfied:
				c.Skipped = &junitSkipped{Message: f.Approval.Summary()}
				s.Skipped++
			case len(f.Gate) > 0:
				c.Skipped = &junitSkipped{Message: "not done on earlier stages: " + strings.Join(f.Gate, "; ")}
				s.Skipped++
			}
			s.Cases = append(s.Cases, c)
		}
		if t.Status == plan.StatusBlocked || t.Status == plan.StatusUnreachable {
			body := strings.Join(t.Reasons, "\n")
			s.Cases = append(s.Cases, junitCase{Name: "target", Classname: t.Name,
				Failure: &junitFailure{Message: firstLine(body), Type: t.Status, Body: body}})
			s.Failures++
		}
		if len(s.Cases) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "up to date", Classname: t.Name})
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}
	return writeJUnit(w, doc)
}

func findingLines(path string, fs []plan.Finding) string {
	var lines []string
	for _, f := range fs {
		lines = append(lines, fmt.Sprintf("%s:%d:%d %s %s [%s]", path, f.Line, f.Column, f.Level, f.Message, f.Rule))
	}
	return strings.Join(lines, "\n")
}

// PlanMarkdown renders a plan for a pull request comment; marker is an HTML
// comment that finds the comment again to update it in place.
func PlanMarkdown(p *plan.Plan, marker string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n### dbcd plan: stage `%s`\n\n%s\n", marker, p.Stage, rolloutLine(p.Rollout))
	for _, t := range p.Targets {
		fmt.Fprintf(&b, "\n**%s** (db `%s`): **%s**\n\n", t.Name, t.DB, t.Status)
		if len(t.Files) > 0 {
			b.WriteString("| # | file | lock | risk | review | approval |\n|---|---|---|---|---|---|\n")
			for i, f := range t.Files {
				rev := "clean"
				if f.Review.Errors+f.Review.Warnings > 0 {
					rev = fmt.Sprintf("%d errors, %d warnings", f.Review.Errors, f.Review.Warnings)
				}
				lock := f.Lock
				if lock == "" {
					lock = "-"
				}
				fmt.Fprintf(&b, "| %d | `%s` | %s | %s | %s | %s |\n", i+1, f.Path, lock, f.Risk.Level, rev, approvalCell(f.Approval))
			}
		}
		for _, r := range t.Reasons {
			fmt.Fprintf(&b, "- %s\n", r)
		}
	}
	fmt.Fprintf(&b, "\n%s\n", planSummaryLine(p))
	return b.String()
}

// PlanFindings turns a plan into findings for Code Insights: one per
// pending file and target, at the file's first statement, an error when the
// target is blocked, a warning while it waits, info when it is ready.
func PlanFindings(p *plan.Plan) Findings {
	var out Findings
	seen := map[string]bool{}
	for _, t := range p.Targets {
		sev := diag.Info
		switch t.Status {
		case plan.StatusBlocked, plan.StatusUnreachable:
			sev = diag.Error
		case plan.StatusWaiting:
			sev = diag.Warning
		}
		for _, f := range t.Files {
			if !seen[f.Path] {
				seen[f.Path] = true
				out.Files = append(out.Files, f.Path)
			}
			line := 1
			if len(f.Statements) > 0 {
				line = f.Statements[0].Line
			}
			msg := fmt.Sprintf("%s/%s: %s; risk %s (%s)", p.Stage, t.Name, t.Status, f.Risk.Level, f.Risk.Reason)
			if len(f.Approval.Required) > 0 {
				msg += "; " + f.Approval.Summary()
			}
			out.Findings = append(out.Findings, diag.Finding{File: f.Path, Line: line, Column: 1, Rule: "plan." + t.Status,
				Severity: sev, Message: msg})
		}
	}
	return out
}
