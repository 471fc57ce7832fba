package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

// jsonReference is JSON as encoding/json writes it: the document JSON must
// give byte for byte.
func jsonReference(t *testing.T, r Findings) string {
	t.Helper()
	doc := jsonFindings{Version: JSONVersion, Files: r.Files, Findings: []jsonFinding{}, Summary: r.Summary()}
	if doc.Files == nil {
		doc.Files = []string{}
	}
	fs := append([]diag.Finding(nil), r.Findings...)
	diag.Sort(fs)
	for _, f := range fs {
		doc.Findings = append(doc.Findings, jsonFinding{
			File: f.File, Line: f.Line, Column: f.Column, Rule: f.Rule, Level: f.Severity.String(),
			Category: f.Category, Message: f.Message, Help: f.Help,
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// awkward are strings that JSON and text must write as encoding/json and
// lipgloss do.
var awkward = []string{
	"", " ", `quote " and backslash \ and both \"`, "<html> & 'apos'", "tab\there", "two\nlines", "crlf\r\nline",
	"cr\ronly", "\x00\x01\x08\x0c\x1f\x7f", "ünïcödé ✓ ✗ 漢字 😀 e\u0301", "line\u2028para\u2029sep", "bad \xff\xfe utf-8",
	"\x1b[1mbold\x1b[0m", "a\u00a0b\u200bc", `trailing \`,
}

// awkwardFindings is a review with findings out of order, findings
// without a file, line or column, and awkward strings in every field.
func awkwardFindings() Findings {
	r := sample()
	r.Files = append(r.Files, awkward...)
	for i, s := range awkward {
		r.Findings = append(r.Findings,
			diag.Finding{Rule: "rule." + s, Severity: diag.Severity(i%4 + 1), Category: s, File: s, Line: i, Column: i % 3, Message: s, Help: s},
			diag.Finding{Rule: s, Severity: diag.Warning, File: "b.sql", Line: -i, Message: "m " + s},
		)
	}
	return r
}

func TestJSONMatchesEncodingJSON(t *testing.T) {
	for name, r := range map[string]Findings{
		"sample": sample(), "empty": {}, "no findings": {Files: []string{"a.sql"}}, "awkward": awkwardFindings(),
		"bench": benchFindings(20),
	} {
		var buf bytes.Buffer
		if err := JSON(&buf, r); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(jsonReference(t, r), buf.String()); d != "" {
			t.Errorf("%s: JSON differs from encoding/json (-want +got):\n%s", name, d)
		}
	}
}

// writeCounter counts the writes it is given.
type writeCounter struct{ writes int }

func (c *writeCounter) Write(p []byte) (int, error) { c.writes++; return len(p), nil }

// TestFindingsOneWrite checks that Text and JSON write a large report at
// once: the CLI masks secrets write by write, so a secret must not be cut in
// two.
func TestFindingsOneWrite(t *testing.T) {
	r := benchFindings(200)
	for name, render := range map[string]func(*writeCounter) error{
		"text":       func(w *writeCounter) error { return Text(w, r, false) },
		"text color": func(w *writeCounter) error { return Text(w, r, true) },
		"json":       func(w *writeCounter) error { return JSON(w, r) },
	} {
		var c writeCounter
		if err := render(&c); err != nil {
			t.Fatal(err)
		}
		if c.writes != 1 {
			t.Errorf("%s: %d writes, want 1", name, c.writes)
		}
	}
}
