package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"

	"github.com/dbcd/dbcd/internal/diag"
)

// FormatJUnit is JUnit XML, which Bitbucket Pipelines shows in a step's Tests
// tab when the file is written under test-results/.
const FormatJUnit Format = "junit"

// JUnitOptions tunes the JUnit renderer.
type JUnitOptions struct {
	// FailAt is the lowest severity that fails the gate. Findings at or above
	// it are failed test cases; findings below it are passing test cases that
	// carry the finding in system-out. Zero means diag.Error.
	FailAt diag.Severity
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr,omitempty"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut junitText     `xml:"system-out,omitempty"`
}

// junitSkipped marks a test case that did not run.
type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitFailure struct {
	Message string
	Type    string
	Body    string
}

// MarshalXML writes the failure with its body as character data in which
// line breaks stay line breaks (a ",chardata" field would write them as
// "&#xA;"); everything else is escaped as usual.
func (f junitFailure) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{
		{Name: xml.Name{Local: "message"}, Value: f.Message},
		{Name: xml.Name{Local: "type"}, Value: f.Type},
	}
	return junitText(f.Body).MarshalXML(e, start)
}

// junitText is an element holding only text, written like a failure body.
type junitText string

// MarshalXML writes the element with the text as escaped character data.
func (t junitText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(t)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

// JUnit renders findings as JUnit XML: one testsuite per file examined (and
// per file that has findings), named by its path, with one test case per
// finding named "RULE line N" and classed by the file. Findings that fail the
// gate (opts.FailAt) are failures; a file without findings gets one passing
// "review" test case so that it is counted. Findings without a file go into a
// suite named after the run. Suites are in path order and test cases in
// position order, so the output is deterministic.
func JUnit(w io.Writer, r Findings, opts JUnitOptions) error {
	failAt := opts.FailAt
	if failAt == 0 {
		failAt = diag.Error
	}
	run := "dbcd"
	if r.Title != "" {
		run += " " + r.Title
	}
	doc := junitSuites{Name: run}
	for _, file := range junitFiles(r) {
		name := file.name
		if name == "" {
			name = run
		}
		s := junitFileSuite(name, file.findings, failAt)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}
	return writeJUnit(w, doc)
}

// writeJUnit writes a JUnit document with its XML header.
func writeJUnit(w io.Writer, doc junitSuites) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type junitFile struct {
	name     string
	findings []diag.Finding
}

// junitFiles lists the files examined and the files with findings, in path
// order (findings without a file first), each with its sorted findings.
func junitFiles(r Findings) []junitFile {
	names, groups := byFile(r.Findings)
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	for _, f := range r.Files {
		if !seen[f] {
			seen[f] = true
			names = append(names, f)
		}
	}
	sort.Strings(names)
	out := make([]junitFile, len(names))
	for i, n := range names {
		out[i] = junitFile{name: n, findings: groups[n]}
	}
	return out
}

// junitFileSuite builds the suite of one file; name is the suite name and
// the class of its test cases.
func junitFileSuite(name string, fs []diag.Finding, failAt diag.Severity) junitSuite {
	s := junitSuite{Name: name}
	if len(fs) == 0 {
		s.Cases = []junitCase{{Name: "review", Classname: name}}
	}
	used := map[string]int{}
	for _, f := range fs {
		c := junitCase{Name: junitCaseName(f), Classname: name}
		if used[c.Name]++; used[c.Name] > 1 {
			c.Name = fmt.Sprintf("%s (%d)", c.Name, used[c.Name])
		}
		body := junitBody(f)
		if f.Severity >= failAt {
			c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String(), Body: body}
			s.Failures++
		} else {
			c.SystemOut = junitText(f.Severity.String() + ": " + body)
		}
		s.Cases = append(s.Cases, c)
	}
	s.Tests = len(s.Cases)
	return s
}

// junitCaseName names a finding's test case "RULE line N".
func junitCaseName(f diag.Finding) string {
	name := f.Rule
	if name == "" {
		name = "finding"
	}
	if f.Line > 0 {
		name += fmt.Sprintf(" line %d", f.Line)
	}
	return name
}

// junitBody is the failure text Bitbucket shows in place of a stack trace:
// "file:line:col: message", then the help line.
func junitBody(f diag.Finding) string {
	body := f.Message
	if p := f.Position(); p != "" {
		body = p + ": " + body
	}
	if f.Help != "" {
		body += "\nhelp: " + f.Help
	}
	return body
}
