package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

// TestPlainRender checks that without colour the text renderer's shortcut
// gives what lipgloss gives, for every style.
func TestPlainRender(t *testing.T) {
	st := newStyles(&bytes.Buffer{}, false)
	all := []lipgloss.Style{st.file, st.pos, st.rule, st.help, st.ok}
	for _, sev := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		all = append(all, st.sev[sev])
	}
	for _, s := range []string{
		"", " ", "  lead and trail  ", "migrations/prod/app##000001##ddl##f0.sql", "1:1    ", "warning",
		`table "public"."t0" lacks the required column "updated_at"`, "naming.index.pk",
		"help: name the primary key after the template: CONSTRAINT pk_<table>_<columns> PRIMARY KEY (...)",
		"ünïcödé ✓ ✗ 漢字 😀 e\u0301", "\x1b[1mbold\x1b[0m", "a\u00a0b\u200bc", "\v\f",
		"tab\there", "two\nlines", "crlf\r\nline", "cr\ronly",
	} {
		for i, style := range all {
			if got, want := st.render(style, s), style.Render(s); got != want {
				t.Errorf("style %d: render(%q) = %q, lipgloss gives %q", i, s, got, want)
			}
		}
	}
}

// textReference is Text as it was written before it was made fast: one
// render call for every part, fmt for the padding.
func textReference(r Findings, color bool) string {
	var b strings.Builder
	st := newStyles(&b, color)
	files, groups := byFile(r.Findings)
	for i, file := range files {
		if i > 0 {
			b.WriteString("\n")
		}
		if file != "" {
			b.WriteString(st.render(st.file, file) + "\n")
		}
		for _, f := range groups[file] {
			b.WriteString("  ")
			if file != "" {
				pos := ""
				if f.Line > 0 {
					pos = fmt.Sprintf("%d:%d", f.Line, max(f.Column, 1))
				}
				b.WriteString(st.render(st.pos, fmt.Sprintf("%-7s", pos)) + "  ")
			}
			fmt.Fprintf(&b, "%s  %s", st.render(st.sev[f.Severity], fmt.Sprintf("%-7s", f.Severity)), f.Message)
			if f.Rule != "" {
				b.WriteString("  " + st.render(st.rule, f.Rule))
			}
			b.WriteString("\n")
			if f.Help != "" {
				b.WriteString("           " + st.render(st.help, "help: "+f.Help) + "\n")
			}
		}
	}
	if len(files) > 0 {
		b.WriteString("\n")
	}
	b.WriteString(summaryLine(st, r))
	return b.String()
}

// TestTextMatchesReference checks Text against textReference, with and
// without colour, on findings out of order and with awkward text.
func TestTextMatchesReference(t *testing.T) {
	for name, r := range map[string]Findings{
		"sample": sample(), "empty": {}, "awkward": awkwardFindings(), "bench": benchFindings(20),
	} {
		for _, color := range []bool{false, true} {
			var buf bytes.Buffer
			if err := Text(&buf, r, color); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(textReference(r, color), buf.String()); d != "" {
				t.Errorf("%s, color %v: Text differs from the reference (-want +got):\n%s", name, color, d)
			}
		}
	}
}
