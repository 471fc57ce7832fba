package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

// xmlSuites mirrors the JUnit document for decoding in tests.
type xmlSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// decodeJUnit parses a JUnit document and checks that its counts add up.
func decodeJUnit(t *testing.T, data []byte) xmlSuites {
	t.Helper()
	var doc xmlSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not valid XML: %v\n%s", err, data)
	}
	tests, failures := 0, 0
	for _, s := range doc.Suites {
		f := 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				f++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f {
			t.Errorf("suite %q: tests=%d failures=%d, has %d cases and %d failures", s.Name, s.Tests, s.Failures, len(s.Cases), f)
		}
		tests += s.Tests
		failures += s.Failures
	}
	if doc.Tests != tests || doc.Failures != failures {
		t.Errorf("testsuites: tests=%d failures=%d, suites add up to %d and %d", doc.Tests, doc.Failures, tests, failures)
	}
	return doc
}

func renderJUnit(t *testing.T, r Findings, opts JUnitOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := JUnit(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestJUnitGolden(t *testing.T) {
	r := sample()
	r.Files = append(r.Files, "bytebase/test/clean.sql")
	got := renderJUnit(t, r, JUnitOptions{})
	golden(t, "findings.junit.xml", got)
	if !bytes.HasPrefix(got, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Error("missing XML declaration")
	}
	doc := decodeJUnit(t, got)
	if doc.Tests != 4 || doc.Failures != 1 {
		t.Errorf("tests=%d failures=%d, want 4 and 1", doc.Tests, doc.Failures)
	}
}

func TestJUnitFailAtWarning(t *testing.T) {
	doc := decodeJUnit(t, renderJUnit(t, sample(), JUnitOptions{FailAt: diag.Warning}))
	var failed []string
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Failure != nil {
				failed = append(failed, s.Name+" | "+c.Name+" | "+c.Failure.Type)
			}
		}
	}
	want := []string{
		"bytebase/prod/employee##202311012500##ddl##add_nickname.sql | column.require-not-null line 1 | warning",
		"bytebase/test/a.sql | index.require-concurrently line 4 | error",
	}
	if d := cmp.Diff(want, failed); d != "" {
		t.Errorf("failed cases (-want +got):\n%s", d)
	}
}

func TestJUnitShape(t *testing.T) {
	r := Findings{
		Title: "review",
		Files: []string{"z.sql", "a.sql"},
		Findings: []diag.Finding{
			{Rule: "table.drop", Severity: diag.Error, File: "a.sql", Line: 3, Column: 1, Message: "drops t", Help: "keep it"},
			{Rule: "table.drop", Severity: diag.Error, File: "a.sql", Line: 3, Column: 9, Message: "drops u"},
			{Rule: "syntax.parse-error", Severity: diag.Error, File: "extra.sql", Message: "bad file"},
		},
	}
	doc := decodeJUnit(t, renderJUnit(t, r, JUnitOptions{}))
	type row struct{ Suite, Case, Class, Body string }
	var got []row
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			body := ""
			if c.Failure != nil {
				body = c.Failure.Body
			}
			got = append(got, row{s.Name, c.Name, c.Classname, body})
		}
	}
	want := []row{
		{"a.sql", "table.drop line 3", "a.sql", "a.sql:3:1: drops t\nhelp: keep it"},
		{"a.sql", "table.drop line 3 (2)", "a.sql", "a.sql:3:9: drops u"},
		{"extra.sql", "syntax.parse-error", "extra.sql", "extra.sql: bad file"},
		{"z.sql", "review", "z.sql", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("cases (-want +got):\n%s", d)
	}
	if doc.Name != "dbcd review" {
		t.Errorf("testsuites name = %q", doc.Name)
	}
}

func TestJUnitEscaping(t *testing.T) {
	nasty := "a <b> & \"c\" 'd' ]]> \x00\x1b[31m\nline2"
	r := Findings{
		Files: []string{`dir/<&>".sql`},
		Findings: []diag.Finding{{
			Rule: "rule<&>", Severity: diag.Error, File: `dir/<&>".sql`, Line: 1, Column: 2,
			Message: nasty, Help: nasty,
		}},
	}
	data := renderJUnit(t, r, JUnitOptions{})
	if bytes.Contains(data, []byte("\x1b")) || bytes.Contains(data, []byte("\x00")) {
		t.Error("control characters written raw")
	}
	doc := decodeJUnit(t, data)
	c := doc.Suites[0].Cases[0]
	if c.Classname != `dir/<&>".sql` || c.Name != "rule<&> line 1" {
		t.Errorf("case = %q %q", c.Classname, c.Name)
	}
	if c.Failure == nil {
		t.Fatal("no failure")
	}
	want := "a <b> & \"c\" 'd' ]]> \uFFFD\uFFFD[31m\nline2"
	if c.Failure.Message != want {
		t.Errorf("message round trip:\n got %q\nwant %q", c.Failure.Message, want)
	}
	if !strings.HasPrefix(c.Failure.Body, `dir/<&>".sql:1:2: `+want+"\nhelp: ") {
		t.Errorf("body round trip: %q", c.Failure.Body)
	}
}

func TestJUnitEmpty(t *testing.T) {
	doc := decodeJUnit(t, renderJUnit(t, Findings{}, JUnitOptions{}))
	if doc.Name != "dbcd" || doc.Tests != 0 || len(doc.Suites) != 0 {
		t.Errorf("empty report = %+v", doc)
	}
}

func TestJUnitDeterministic(t *testing.T) {
	r := sample()
	first := renderJUnit(t, r, JUnitOptions{})
	r.Findings[0], r.Findings[2] = r.Findings[2], r.Findings[0]
	r.Files[0], r.Files[1] = r.Files[1], r.Files[0]
	if d := cmp.Diff(string(first), string(renderJUnit(t, r, JUnitOptions{}))); d != "" {
		t.Errorf("output depends on input order:\n%s", d)
	}
}
