// Package diag is dbcd's one findings model: every problem dbcd reports about
// user input (a review finding, a configuration error, a malformed migration
// file) is a Finding, and every output format renders Findings.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity orders how serious a finding is.
type Severity int

// Severities, from least to most serious.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// String returns the lower-case name used in reports and configuration.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "unknown"
}

// ParseSeverity parses "error", "warning" or "info" (any case).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "notice":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown level %q (use error, warning or info)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem found in one place.
type Finding struct {
	// Rule is the stable id of what was found, e.g. "column.require-not-null"
	// or "config.unknown-key".
	Rule     string
	Severity Severity
	Category string
	// File is the slash path relative to the repository root, as given.
	File string
	// Line and Column are 1-based; 0 means not known.
	Line, Column int
	Message      string
	// Help says what to do about it.
	Help string
}

// Position returns "file:line:col", "file:line" or "file", whichever is known.
func (f Finding) Position() string {
	switch {
	case f.File == "":
		return ""
	case f.Line == 0:
		return f.File
	case f.Column == 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}

// String formats the finding as a compiler-style one-liner.
func (f Finding) String() string {
	var b strings.Builder
	if p := f.Position(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(f.Severity.String())
	b.WriteString(": ")
	b.WriteString(f.Message)
	if f.Rule != "" {
		b.WriteString(" [")
		b.WriteString(f.Rule)
		b.WriteString("]")
	}
	return b.String()
}

// Sort orders findings by file, line, column, rule and message, so output
// never depends on the order in which they were found.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return Less(fs[i], fs[j]) })
}

// Less is the order of Sort.
func Less(a, b Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}

// Summary counts findings by severity.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Files    int `json:"files"`
}

// Summarize counts the findings; files is the number of files examined.
func Summarize(fs []Finding, files int) Summary {
	s := Summary{Files: files}
	for _, f := range fs {
		switch f.Severity {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		case Info:
			s.Infos++
		}
	}
	return s
}

// Max returns the highest severity among fs, or 0 when fs is empty.
func Max(fs []Finding) Severity {
	var m Severity
	for _, f := range fs {
		if f.Severity > m {
			m = f.Severity
		}
	}
	return m
}

// InputError wraps findings as an error, for input problems (bad
// configuration, malformed migration files) that stop a command before it does
// its work.
type InputError struct {
	Findings []Finding
}

// Error lists every finding, one per line.
func (e *InputError) Error() string {
	lines := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}
