package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
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

// writeRecorder keeps every write it is given.
type writeRecorder struct{ writes []string }

func (c *writeRecorder) Write(p []byte) (int, error) {
	c.writes = append(c.writes, string(p))
	return len(p), nil
}

// TestFindingsWrittenInChunks checks that Text and JSON write a large report
// in bounded chunks that each end between two findings, so that a secret
// (masked write by write by the CLI) is never cut in two, and that the
// chunks put together are the report written at once.
func TestFindingsWrittenInChunks(t *testing.T) {
	const url = "postgres://app:s3cret@db.internal/app"
	r := benchFindings(300)
	for i := range r.Findings {
		if i%7 == 0 {
			r.Findings[i].Message += " (seen on " + url + ")"
		}
	}
	for name, render := range map[string]func(io.Writer) error{
		"text":       func(w io.Writer) error { return Text(w, r, false) },
		"text color": func(w io.Writer) error { return Text(w, r, true) },
		"json":       func(w io.Writer) error { return JSON(w, r) },
	} {
		var c writeRecorder
		if err := render(&c); err != nil {
			t.Fatal(err)
		}
		if len(c.writes) < 3 {
			t.Errorf("%s: %d writes for a report of %d findings: want it in chunks", name, len(c.writes), len(r.Findings))
		}
		for i, w := range c.writes {
			if len(w) > 4*chunkSize {
				t.Errorf("%s: write %d has %d bytes, more than 4 times the chunk size", name, i, len(w))
			}
			if !strings.HasSuffix(w, "\n") {
				t.Errorf("%s: write %d does not end a line: %q", name, i, w[max(0, len(w)-40):])
			}
			if a, b := strings.Count(w, "postgres://"), strings.Count(w, "@db.internal/app"); a != b {
				t.Errorf("%s: write %d cuts a URL in two (%d starts, %d ends)", name, i, a, b)
			}
		}
		var whole bytes.Buffer
		if err := render(&whole); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(c.writes, ""); got != whole.String() {
			t.Errorf("%s: the chunks differ from the report written to one buffer", name)
		}
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestFindingsWriteError checks that a write error stops the renderers
// and is returned.
func TestFindingsWriteError(t *testing.T) {
	r := benchFindings(300)
	for name, render := range map[string]func(io.Writer) error{
		"text": func(w io.Writer) error { return Text(w, r, false) },
		"json": func(w io.Writer) error { return JSON(w, r) },
	} {
		if err := render(failingWriter{}); err == nil || err.Error() != "disk full" {
			t.Errorf("%s: error %v, want disk full", name, err)
		}
	}
}
