package report

import (
	"bytes"
	"testing"

	"github.com/charmbracelet/lipgloss"

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
