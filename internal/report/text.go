package report

import (
	"fmt"
	"io"
	"strconv"

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
	if st.plain && isOneLine(s) {
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
//
// A large review has tens of thousands of findings: they are put together
// without formatting calls and without lipgloss when there is no colour
// (see styles.write), in segments that end between two files, rendered in
// parallel and written in order (writeSegments).
func Text(w io.Writer, r Findings, color bool) error {
	st := newStyles(w, color)
	fs := sortedFindings(r.Findings)
	err := writeSegments(w, segments(fs), true, func(b *chunked, from, to int) {
		st.findings(b, fs, from, to)
	})
	if err != nil {
		return err
	}
	tail := summaryLine(st, r)
	if len(fs) > 0 {
		tail = "\n" + tail
	}
	_, err = io.WriteString(w, tail)
	return err
}

// findings writes fs[from:to] grouped by file; from is 0 or the first
// finding of a file.
func (st *styles) findings(b *chunked, fs []diag.Finding, from, to int) {
	var num [24]byte
	for i := from; i < to; i++ {
		f := &fs[i]
		if i == from || f.File != fs[i-1].File {
			if i > 0 {
				b.WriteByte('\n')
			}
			if f.File != "" {
				st.write(b, &st.file, f.File)
				b.WriteByte('\n')
			}
		}
		b.WriteString("  ")
		if f.File != "" {
			pos := num[:0]
			if f.Line > 0 {
				pos = strconv.AppendInt(pos, int64(f.Line), 10)
				pos = append(pos, ':')
				pos = strconv.AppendInt(pos, int64(max(f.Column, 1)), 10)
			}
			st.writeASCII(b, &st.pos, pad(pos, 7))
			b.WriteString("  ")
		}
		sev := pad(append(num[:0], f.Severity.String()...), 7)
		if st.plain {
			b.Write(sev)
		} else {
			style := st.sev[f.Severity]
			st.writeASCII(b, &style, sev)
		}
		b.WriteString("  ")
		b.WriteString(f.Message)
		if f.Rule != "" {
			b.WriteString("  ")
			st.write(b, &st.rule, f.Rule)
		}
		b.WriteByte('\n')
		if f.Help != "" {
			b.WriteString("           ")
			if st.plain && isOneLine(f.Help) {
				b.WriteString("help: ")
				b.WriteString(f.Help)
			} else {
				st.write(b, &st.help, "help: "+f.Help)
			}
			b.WriteByte('\n')
		}
	}
}

// pad pads b with spaces to n bytes, as fmt's %-*s does for ASCII text.
func pad(b []byte, n int) []byte {
	for len(b) < n {
		b = append(b, ' ')
	}
	return b
}

// isOneLine reports whether s has no tab and no line break: lipgloss
// leaves such text as it is when there is no colour (see render).
func isOneLine(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= '\r' && (c == '\t' || c == '\n' || c == '\r') {
			return false
		}
	}
	return true
}

// write writes style.Render(s) to w, or s itself when that is what
// lipgloss would give (see render).
func (st *styles) write(w *chunked, style *lipgloss.Style, s string) {
	if st.plain && isOneLine(s) {
		w.WriteString(s)
		return
	}
	w.WriteString(style.Render(s))
}

// writeASCII is write for ASCII text without tabs or line breaks (a
// position or a level).
func (st *styles) writeASCII(w *chunked, style *lipgloss.Style, b []byte) {
	if st.plain {
		w.Write(b)
		return
	}
	w.WriteString(style.Render(string(b)))
}

func summaryLine(st styles, r Findings) string {
	return summaryOf(st, r.Title, r.Summary())
}

// summaryOf is the summary line of s, titled title.
func summaryOf(st styles, title string, s diag.Summary) string {
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
