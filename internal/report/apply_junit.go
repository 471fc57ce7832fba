package report

import (
	"fmt"
	"io"
	"strings"
)

// ApplyJUnit renders an apply as JUnit XML: one testsuite per target, one
// test case per file (passing when applied, failed with the error, skipped
// when it did not run), so Bitbucket's Tests tab shows what reached which
// database.
func ApplyJUnit(w io.Writer, v ApplyView) error {
	doc := junitSuites{Name: "dbcd apply " + v.Stage}
	if len(v.Blocked) > 0 {
		s := junitSuite{Name: "dbcd apply " + v.Stage + " review gate"}
		for i, b := range v.Blocked {
			s.Cases = append(s.Cases, junitCase{Name: fmt.Sprintf("finding %d", i+1), Classname: "review",
				Failure: &junitFailure{Message: b, Type: "blocked", Body: b}})
		}
		s.Tests, s.Failures = len(s.Cases), len(s.Cases)
		doc.Suites = append(doc.Suites, s)
	}
	for _, t := range v.Targets {
		s := junitSuite{Name: v.Stage + "/" + t.Name}
		add := func(f ApplyFileView, c junitCase) {
			c.Name, c.Classname = f.Path, t.Name
			s.Cases = append(s.Cases, c)
		}
		for _, f := range t.Applied {
			c := junitCase{Time: fmt.Sprintf("%.3f", f.Seconds)}
			if f.Error != "" {
				c.Failure = &junitFailure{Message: firstLine(f.Error), Type: "migration", Body: f.Error}
				s.Failures++
			}
			add(f, c)
		}
		for _, f := range t.Pending {
			msg := "not run"
			if v.DryRun {
				msg = "pending (dry run)"
			}
			add(f, junitCase{Skipped: &junitSkipped{Message: msg}})
			s.Skipped++
		}
		for _, f := range t.Skipped {
			add(f, junitCase{Skipped: &junitSkipped{Message: f.Reason}})
			s.Skipped++
		}
		if t.Error != "" && s.Failures == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "target", Classname: t.Name,
				Failure: &junitFailure{Message: firstLine(t.Error), Type: t.Status, Body: t.Error}})
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

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
