package report

import (
	"io"

	"github.com/dbcd/dbcd/internal/diag"
)

// TextStream renders findings as Text does, file by file while a review
// produces them, so that they need not be kept until it ends: the same
// text, provided the files come in the order Text sorts them (by path).
type TextStream struct {
	st    styles
	b     *chunked
	title string
	sum   diag.Summary
	wrote bool
}

// NewTextStream starts a stream of findings to w under the title of the
// summary line.
func NewTextStream(w io.Writer, title string, color bool) *TextStream {
	return &TextStream{st: newStyles(w, color), b: newChunked(w), title: title}
}

// File writes the findings of one file, sorted (diag.Less); files must come
// in path order. It returns the first write error.
func (t *TextStream) File(fs []diag.Finding) error {
	if len(fs) == 0 {
		return t.b.err
	}
	if t.wrote {
		t.b.WriteByte('\n')
	}
	t.wrote = true
	t.st.findings(t.b, fs, 0, len(fs))
	s := diag.Summarize(fs, 0)
	t.sum.Errors, t.sum.Warnings, t.sum.Infos = t.sum.Errors+s.Errors, t.sum.Warnings+s.Warnings, t.sum.Infos+s.Infos
	t.b.boundary()
	return t.b.err
}

// Close writes the summary line, files being the number of files
// examined, and returns the first write error.
func (t *TextStream) Close(files int) error {
	if t.wrote {
		t.b.WriteByte('\n')
	}
	t.sum.Files = files
	t.b.WriteString(summaryOf(t.st, t.title, t.sum))
	return t.b.flush()
}
