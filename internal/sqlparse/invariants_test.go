package sqlparse

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// refPosition computes the 1-based line and column of the byte offset off of
// src independently of the package's line index: lines end at '\n', columns
// count runes, and a leading byte order mark takes no column.
func refPosition(src []byte, off int) (line, col int) {
	base := 0
	if bytes.HasPrefix(src, []byte(utf8BOM)) {
		base = len(utf8BOM)
	}
	if off < base {
		off = base
	}
	before := src[base:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[lineStart:])
}

// refLines returns the lines of src (without the byte order mark), for range
// checks of error positions.
func refLines(src []byte) []string {
	return strings.Split(strings.TrimPrefix(string(src), utf8BOM), "\n")
}

// checkFile verifies the invariants every result of Parse must satisfy,
// whatever the input: statements in order and non-overlapping, Text equal to
// src[Offset:End], positions consistent with offsets, errors and directives
// inside the file.
func checkFile(t testing.TB, src []byte, f *File, err error) {
	t.Helper()
	if f == nil {
		t.Fatalf("Parse returned a nil *File")
	}
	prevEnd := 0
	for i, st := range f.Statements {
		if st.Offset < prevEnd || st.End <= st.Offset || st.End > len(src) {
			t.Fatalf("statement %d: bad range [%d,%d) after %d (len %d)", i, st.Offset, st.End, prevEnd, len(src))
		}
		prevEnd = st.End
		if got := string(src[st.Offset:st.End]); got != st.Text {
			t.Fatalf("statement %d: src[Offset:End] = %q, Text = %q", i, got, st.Text)
		}
		if strings.TrimSpace(st.Text) != st.Text {
			t.Errorf("statement %d: Text %q has surrounding white space", i, st.Text)
		}
		if line, col := refPosition(src, st.Offset); line != st.Line || col != st.Column {
			t.Errorf("statement %d: position %d:%d, want %d:%d", i, st.Line, st.Column, line, col)
		}
		if endLine, _ := refPosition(src, st.End-1); endLine != st.EndLine {
			t.Errorf("statement %d: EndLine %d, want %d", i, st.EndLine, endLine)
		}
		if st.Node == nil || st.Kind == "" {
			t.Errorf("statement %d: missing Node or Kind", i)
		}
	}
	lines := refLines(src)
	inFile := func(what string, line, col int) {
		t.Helper()
		if line < 1 || line > len(lines) {
			t.Fatalf("%s: line %d outside 1..%d", what, line, len(lines))
		}
		if n := utf8.RuneCountInString(lines[line-1]); col < 1 || col > n+1 {
			t.Fatalf("%s: column %d outside 1..%d on line %d", what, col, n+1, line)
		}
	}
	if err != nil {
		var es Errors
		if !errors.As(err, &es) || len(es) == 0 {
			t.Fatalf("error %v (%T) is not a non-empty Errors", err, err)
		}
		for _, e := range es {
			inFile("error "+e.Msg, e.Line, e.Column)
		}
	}
	for _, d := range f.Directives {
		inFile("directive "+d.Text, d.Line, d.Column)
		line := lines[d.Line-1]
		rest := line[len(string([]rune(line)[:d.Column-1])):]
		if !strings.HasPrefix(rest, d.Text) {
			t.Errorf("directive %q not found at %d:%d", d.Text, d.Line, d.Column)
		}
	}
}
