package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/dbcd/dbcd/internal/diag"
)

// styles are the text renderer's styles; without colour they render plain.
type styles struct {
	file, pos, rule, help, ok lipgloss.Style
	sev                       map[diag.Severity]lipgloss.Style
	// plain is set without colour (see render).
	plain bool
}

// render is style.Render(s). Without colour, lipgloss leaves text that has
// no tab and no line break as it is (it only expands tabs and pads the
// lines of multi-line text to one width), so that text is returned
// directly: rendering every finding through lipgloss cost a third of a
// large review.
func (st styles) render(style lipgloss.Style, s string) string {
	if st.plain && !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return style.Render(s)
}

func newStyles(w io.Writer, color bool) styles {
	r := lipgloss.NewRenderer(w)
	if color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	return styles{
		plain: !color,
		file:  r.NewStyle().Bold(true).Underline(true),
		pos:   r.NewStyle().Faint(true),
		rule:  r.NewStyle().Foreground(lipgloss.Color("6")),
		help:  r.NewStyle().Faint(true),
		ok:    r.NewStyle().Foreground(lipgloss.Color("2")).Bold(true),
		sev: map[diag.Severity]lipgloss.Style{
			diag.Error:   r.NewStyle().Foreground(lipgloss.Color("1")).Bold(true),
			diag.Warning: r.NewStyle().Foreground(lipgloss.Color("3")).Bold(true),
			diag.Info:    r.NewStyle().Foreground(lipgloss.Color("4")),
		},
	}
}

// Text renders findings grouped by file, one line each, with the rule id and
// a help line, then a summary line.
func Text(w io.Writer, r Findings, color bool) error {
	st := newStyles(w, color)
	var b strings.Builder
	// Size the text up front: growing a large report step by step copied
	// it over and over.
	files, groups := byFile(r.Findings)
	size := 256
	for _, file := range files {
		size += len(file) + 2
	}
	for _, f := range r.Findings {
		size += len(f.Message) + len(f.Rule) + len(f.Help) + 44
	}
	b.Grow(size)
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
			sev := fmt.Sprintf("%-7s", f.Severity)
			fmt.Fprintf(&b, "%s  %s", st.render(st.sev[f.Severity], sev), f.Message)
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
	_, err := io.WriteString(w, b.String())
	return err
}

func summaryLine(st styles, r Findings) string {
	s := r.Summary()
	title := r.Title
	if title == "" {
		title = "check"
	}
	files := plural(s.Files, "file")
	if s.Errors == 0 && s.Warnings == 0 {
		msg := fmt.Sprintf("%s: no problems in %s", title, files)
		if s.Infos > 0 {
			msg += fmt.Sprintf(" (%s)", plural(s.Infos, "note"))
		}
		return st.ok.Render("✓ "+msg) + "\n"
	}
	msg := fmt.Sprintf("%s: %s, %s in %s", title, plural(s.Errors, "error"), plural(s.Warnings, "warning"), files)
	sev := diag.Warning
	if s.Errors > 0 {
		sev = diag.Error
	}
	return st.sev[sev].Render("✗ "+msg) + "\n"
}
