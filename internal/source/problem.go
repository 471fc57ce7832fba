package source

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the migration tree: a file name that does
// not fit the template, a bad directive, a duplicate version and so on.
type Problem struct {
	// Path is the slash path relative to the repository root; "" when the
	// problem is not about one file.
	Path string
	// Line and Column are 1-based; 0 when not applicable.
	Line, Column int
	Message      string
}

// Error formats the problem as "path:line:col: message", leaving out the
// parts that are not known.
func (p Problem) Error() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
			if p.Column > 0 {
				fmt.Fprintf(&b, ":%d", p.Column)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is a list of problems; it is the error Load returns.
type Problems []Problem

// Error lists every problem, one per line, sorted by path, line and column.
func (ps Problems) Error() string {
	sorted := append(Problems(nil), ps...)
	sorted.Sort()
	lines := make([]string, len(sorted))
	for i, p := range sorted {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by path, line, column and message.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Column != b.Column:
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
}
