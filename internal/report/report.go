// Package report renders dbcd's findings and results in each output format.
// Every renderer takes an io.Writer and the values to render; colour is
// decided by the caller, once, and passed in. It is the only home of lipgloss.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
)

// Format names an output format.
type Format string

// Output formats.
const (
	FormatText Format = "text"
	FormatJSON Format = "json"
)

// FormatCodeInsights publishes a Bitbucket Code Insights report instead of
// writing a file; the CLI handles it.
const FormatCodeInsights Format = "codeinsights"

// Formats lists the formats findings can be rendered in.
var Formats = []Format{FormatText, FormatJSON, FormatJUnit, FormatSARIF}

// ParseFormat checks a --format value against the formats a command supports.
func ParseFormat(s string, supported ...Format) (Format, error) {
	if len(supported) == 0 {
		supported = Formats
	}
	names := make([]string, len(supported))
	for i, f := range supported {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (this command supports: %s)", s, strings.Join(names, ", "))
}

// Findings is what a findings report shows: the files examined and what was
// found in them.
type Findings struct {
	// Title names the run in the text header, e.g. "review" or "config check".
	Title    string
	Files    []string
	Findings []diag.Finding
}

// Summary counts the findings.
func (r Findings) Summary() diag.Summary {
	return diag.Summarize(r.Findings, len(r.Files))
}

// Options tune the renderers.
type Options struct {
	// Color enables styling in text output.
	Color bool
	// FailAt is the lowest level that fails (JUnit failures); 0 means error.
	FailAt diag.Severity
	// Tool describes dbcd and its rules (SARIF).
	Tool ToolInfo
}

// Render writes r in format f.
func Render(w io.Writer, f Format, r Findings, o Options) error {
	switch f {
	case FormatJSON:
		return JSON(w, r)
	case FormatText, "":
		return Text(w, r, o.Color)
	case FormatJUnit:
		return JUnit(w, r, JUnitOptions{FailAt: o.FailAt})
	case FormatSARIF:
		return SARIF(w, r, o.Tool)
	}
	return fmt.Errorf("format %q cannot render findings", f)
}

// byFile groups findings by file, files in sorted order, findings without a
// file first.
func byFile(fs []diag.Finding) ([]string, map[string][]diag.Finding) {
	groups := map[string][]diag.Finding{}
	var files []string
	for _, f := range sortedFindings(fs) {
		if _, ok := groups[f.File]; !ok {
			files = append(files, f.File)
		}
		groups[f.File] = append(groups[f.File], f)
	}
	sort.Strings(files)
	return files, groups
}

// sortedFindings returns fs in the order of diag.Sort: fs itself when it is
// in that order already (a review's findings are), a sorted copy otherwise.
func sortedFindings(fs []diag.Finding) []diag.Finding {
	for i := 1; i < len(fs); i++ {
		if diag.Less(fs[i], fs[i-1]) {
			sorted := append([]diag.Finding(nil), fs...)
			diag.Sort(sorted)
			return sorted
		}
	}
	return fs
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
