package bitbucket

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
)

// FindingsToInsights turns a run's findings into a Code Insights report
// (id reportID, e.g. "dbcd-review") and one annotation per finding. files is
// the number of files examined; failAt is the gate, the lowest severity that
// fails the run (zero means diag.Error). The report fails when a finding
// reaches the gate; so does each such annotation, while the others pass.
//
// Annotations are in position order and have external ids derived from the
// finding (rule, file, line, column, message), so a finding keeps its id
// across re-runs.
func FindingsToInsights(reportID, title string, files int, fs []diag.Finding, failAt diag.Severity) (InsightsReport, []Annotation) {
	if failAt == 0 {
		failAt = diag.Error
	}
	sorted := append([]diag.Finding(nil), fs...)
	diag.Sort(sorted)
	sum := diag.Summarize(sorted, files)

	rep := InsightsReport{
		ID:         reportID,
		Title:      title,
		ReportType: ReportTypeBug,
		Reporter:   "dbcd",
		Result:     ResultPassed,
		Details:    insightsDetails(sum, failAt),
		Data: []DataField{
			{Title: "Files", Type: DataNumber, Value: sum.Files},
			{Title: "Errors", Type: DataNumber, Value: sum.Errors},
			{Title: "Warnings", Type: DataNumber, Value: sum.Warnings},
			{Title: "Notes", Type: DataNumber, Value: sum.Infos},
			{Title: "Gate", Type: DataText, Value: failAt.String()},
		},
	}
	if diag.Max(sorted) >= failAt {
		rep.Result = ResultFailed
	}

	anns := make([]Annotation, 0, len(sorted))
	used := make(map[string]int, len(sorted))
	for _, f := range sorted {
		id := findingID(f)
		if used[id]++; used[id] > 1 {
			id += "-" + strconv.Itoa(used[id])
		}
		a := Annotation{
			ExternalID:     id,
			Title:          f.Rule,
			AnnotationType: AnnotationCodeSmell,
			Summary:        f.Message,
			Details:        annotationDetails(f),
			Severity:       annotationSeverity(f),
			Result:         ResultPassed,
			Path:           f.File,
			Line:           f.Line,
		}
		if f.Severity == diag.Error {
			a.AnnotationType = AnnotationBug
		}
		if f.Severity >= failAt {
			a.Result = ResultFailed
		}
		anns = append(anns, a)
	}
	return rep, anns
}

// insightsDetails sums the run up in one sentence, then names the gate.
func insightsDetails(s diag.Summary, failAt diag.Severity) string {
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{s.Errors, "error"}, {s.Warnings, "warning"}, {s.Infos, "note"}} {
		if c.n > 0 {
			parts = append(parts, count(c.n, c.word))
		}
	}
	found := "No problems"
	if len(parts) > 0 {
		found = strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%s in %s. Findings at level %s or above fail the gate.", found, count(s.Files, "file"), failAt)
}

// annotationDetails is the help, then the rule, its category and level.
func annotationDetails(f diag.Finding) string {
	var b strings.Builder
	if f.Help != "" {
		b.WriteString(f.Help + "\n\n")
	}
	if f.Rule != "" {
		b.WriteString("Rule " + f.Rule)
		if f.Category != "" {
			b.WriteString(" (" + f.Category + ")")
		}
		b.WriteString(", ")
	}
	b.WriteString("level " + f.Severity.String() + ".")
	return b.String()
}

// annotationSeverity maps a finding's level: errors are HIGH, destructive
// errors (data loss) CRITICAL, warnings MEDIUM and notes LOW.
func annotationSeverity(f diag.Finding) string {
	switch f.Severity {
	case diag.Error:
		if f.Category == "destructive" {
			return SeverityCritical
		}
		return SeverityHigh
	case diag.Warning:
		return SeverityMedium
	}
	return SeverityLow
}

// findingID is a stable external id: "dbcd-" and a hash of what identifies
// the finding.
func findingID(f diag.Finding) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\x00%s", f.Rule, f.File, f.Line, f.Column, f.Message)
	return "dbcd-" + hex.EncodeToString(h.Sum(nil))[:24]
}

func count(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
