package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
)

// Problem is one thing wrong with a configuration.
type Problem struct {
	// Key is the path of the offending key, e.g. "stages[1].targets[0].url".
	Key string
	// Line and Column locate the key in the YAML file; 0 when unknown (for
	// example a value that came from a DBCD_* environment variable).
	Line, Column int
	// Code is a short machine-readable class, e.g. "unknown-key".
	Code    string
	Message string
	Help    string
}

// String formats the problem without the file name.
func (p Problem) String() string {
	pos := ""
	if p.Line > 0 {
		pos = fmt.Sprintf("%d:%d: ", p.Line, p.Column)
	}
	if p.Key == "" {
		return pos + p.Message
	}
	return pos + p.Key + ": " + p.Message
}

// Error is returned by Load when the configuration has problems; it lists
// every one of them.
type Error struct {
	// File is the configuration file, relative to the working directory where
	// possible.
	File     string
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, fmt.Sprintf("%s: %d problem(s) in configuration", e.File, len(e.Problems)))
	for _, p := range e.Problems {
		lines = append(lines, e.File+":"+p.String())
	}
	return strings.Join(lines, "\n")
}

// Findings converts the problems into findings of the one findings model.
func (e *Error) Findings() []diag.Finding {
	fs := make([]diag.Finding, len(e.Problems))
	for i, p := range e.Problems {
		msg := p.Message
		if p.Key != "" {
			msg = p.Key + ": " + msg
		}
		fs[i] = diag.Finding{
			Rule:     "config." + p.Code,
			Severity: diag.Error,
			Category: "config",
			File:     filepath.ToSlash(e.File),
			Line:     p.Line,
			Column:   p.Column,
			Message:  msg,
			Help:     p.Help,
		}
	}
	return fs
}

// problems collects problems and locates keys in the YAML document.
type problems struct {
	list []Problem
	pos  map[string][2]int // lower-cased key path -> line, column
}

func (ps *problems) add(key, code, help, format string, args ...any) {
	p := Problem{Key: key, Code: code, Message: fmt.Sprintf(format, args...), Help: help}
	if lc, ok := ps.locate(key); ok {
		p.Line, p.Column = lc[0], lc[1]
	}
	ps.list = append(ps.list, p)
}

// locate finds the position of key, or of its nearest ancestor in the file.
func (ps *problems) locate(key string) ([2]int, bool) {
	k := strings.ToLower(key)
	for k != "" {
		if lc, ok := ps.pos[k]; ok {
			return lc, true
		}
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return [2]int{}, false
}

func (ps *problems) sorted() []Problem {
	out := append([]Problem(nil), ps.list...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Line == 0) != (b.Line == 0) {
			return b.Line == 0
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Key < b.Key
	})
	return out
}
