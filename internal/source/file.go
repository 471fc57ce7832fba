package source

import (
	"fmt"
	"sort"
	"strings"
)

// loadFile matches, reads and checks one candidate. It returns nil when the
// name does not fit the template or the file cannot be read.
func loadFile(tmpl *Template, dirRel string, c candidate) (*File, []Problem) {
	rel := c.rel
	if dirRel != "." {
		rel = strings.TrimPrefix(rel, dirRel+"/")
	}
	bad := func(line, col int, msg string) Problem {
		return Problem{Path: c.rel, Line: line, Column: col, Message: msg}
	}
	m, _, err := tmpl.Match(rel)
	if err != nil {
		return nil, []Problem{bad(0, 0, err.Error())}
	}
	if c.prob != "" {
		return nil, []Problem{bad(0, 0, c.prob)}
	}
	content, err := readFile(c.abs)
	if err != nil {
		return nil, []Problem{bad(0, 0, fmt.Sprintf("cannot read file: %v", unwrapPathError(err)))}
	}
	f := &File{
		Path:        c.rel,
		Stage:       m.Stage,
		DB:          m.DB,
		Type:        TypeDDL,
		TypeToken:   m.Type,
		Description: m.Description,
		Checksum:    Checksum(content),
		Content:     content,
	}
	// Match has checked both values already.
	f.Version, _ = ParseVersion(m.Version)
	if tmpl.Has(VarType) {
		f.Type, _ = ParseType(m.Type)
	}
	if p := checkText(content); p != nil {
		return f, []Problem{bad(p.Line, p.Column, p.Message)}
	}
	var probs []Problem
	body := stripBOM(content)
	firstLine, firstCol := 0, 0
	if off := firstStatement(body); off < 0 {
		probs = append(probs, bad(0, 0, "file has no SQL statements"))
	} else {
		firstLine, firstCol = position(body, off)
	}
	var dps []Problem
	f.Settings, dps = readSettings(c.rel, content, firstLine, firstCol)
	for _, p := range dps {
		probs = append(probs, bad(p.Line, p.Column, p.Message))
	}
	return f, probs
}

// checkPlacement checks that f's stage exists and that its database is
// served where the file goes. Nothing is checked without stages.
func checkPlacement(tmpl *Template, stages []Stage, f *File) []Problem {
	if len(stages) == 0 {
		return nil
	}
	bad := func(format string, args ...any) []Problem {
		return []Problem{{Path: f.Path, Message: fmt.Sprintf(format, args...)}}
	}
	if tmpl.Has(VarEnvID) {
		var names []string
		for i := range stages {
			s := &stages[i]
			if s.Name != f.Stage {
				names = append(names, s.Name)
				continue
			}
			if f.DB != "" && !s.serves(f.DB) {
				return bad("no target of stage %q serves database %q%s", s.Name, f.DB, listOf("databases", s.Databases))
			}
			return nil
		}
		return bad("unknown stage %q%s", f.Stage, listOf("stages", names))
	}
	if f.DB == "" {
		return nil
	}
	seen := map[string]bool{}
	var all []string
	for i := range stages {
		if stages[i].serves(f.DB) {
			return nil
		}
		for _, d := range stages[i].Databases {
			if !seen[d] {
				seen[d] = true
				all = append(all, d)
			}
		}
	}
	sort.Strings(all)
	return bad("no stage serves database %q%s", f.DB, listOf("databases", all))
}

// listOf formats " (label: a, b)", or "" for an empty list.
func listOf(label string, items []string) string {
	if len(items) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s: %s)", label, strings.Join(items, ", "))
}
