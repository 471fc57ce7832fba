package review

import (
	"fmt"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// suppression is one rule id named by a dbcd:ignore or dbcd:ignore-file
// directive.
type suppression struct {
	dir  sqlparse.Directive
	id   string // the id as written
	rule string // the catalog id, "" when unknown
	stmt int    // the statement it applies to; -1 for the whole file
	used bool
}

// suppress drops the findings that directives silence, and reports
// directives that name unknown rules or silence nothing.
func (c *Catalog) suppress(f File, parsed *sqlparse.File, raw []rawFinding, insts []*instance) []rawFinding {
	var sups []*suppression
	for _, d := range parsed.Directives {
		if d.Name != sqlparse.DirectiveIgnore && d.Name != sqlparse.DirectiveIgnoreFile {
			continue
		}
		stmt := -1
		if d.Name == sqlparse.DirectiveIgnore {
			stmt = targetStatement(parsed.Statements, d.Line)
		} else if len(parsed.Statements) > 0 && d.Line >= parsed.Statements[0].Line {
			continue // misplaced: reported as a bad directive, and it silences nothing
		}
		for _, id := range d.Args {
			s := &suppression{dir: d, id: id, stmt: stmt}
			if r, ok := c.Lookup(id); ok {
				s.rule = r.ID
			}
			sups = append(sups, s)
		}
	}
	if len(sups) == 0 {
		return raw
	}
	kept := raw[:0:0]
	for _, rf := range raw {
		silenced := false
		for _, s := range sups {
			if s.rule == rf.Rule && rf.Rule != RuleParseError && (s.stmt == -1 || s.stmt == rf.stmt) {
				s.used, silenced = true, true
			}
		}
		if !silenced {
			kept = append(kept, rf)
		}
	}
	enabled := map[string]bool{}
	for _, in := range insts {
		enabled[in.rule.ID] = true
	}
	for _, s := range sups {
		var msg string
		switch {
		case s.rule == "":
			msg = fmt.Sprintf("dbcd:%s names unknown rule %q%s", s.dir.Name, s.id, c.suggest(s.id))
		case s.used:
			continue
		case !enabled[s.rule]:
			continue // the rule is off under every policy of this file
		case s.stmt == -1 && s.dir.Name == sqlparse.DirectiveIgnore:
			msg = fmt.Sprintf("dbcd:ignore %s is not followed by a statement", s.id)
		default:
			msg = fmt.Sprintf("dbcd:%s %s suppresses nothing: the rule does not fire %s", s.dir.Name, s.id, where(s))
		}
		kept = append(kept, rawFinding{stmt: -1, Finding: diag.Finding{
			Rule: RuleSuppressionUnused, File: f.Path, Line: s.dir.Line, Column: s.dir.Column, Message: msg,
		}})
	}
	return kept
}

func where(s *suppression) string {
	if s.stmt == -1 {
		return "in this file"
	}
	return "on the statement it precedes"
}

// targetStatement finds the statement an ignore directive on line applies
// to: the statement whose lines include it (a trailing or inner comment), or
// else the next statement after it.
func targetStatement(stmts []sqlparse.Statement, line int) int {
	for i, s := range stmts {
		if line >= s.Line && line <= s.EndLine {
			return i
		}
		if s.Line > line {
			return i
		}
	}
	return -1
}
