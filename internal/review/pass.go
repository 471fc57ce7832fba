package review

import (
	"context"
	"fmt"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Runner says how the reviewed files will be executed (RULES.md §1).
type Runner string

// Runners.
const (
	// RunnerDBCD is dbcd's own runner: a file runs in one transaction unless
	// it is marked no-transaction, contains a statement that cannot run in a
	// transaction block, or has explicit transaction control; dbcd sets
	// lock_timeout itself.
	RunnerDBCD Runner = "dbcd"
	// RunnerPsql reviews files as `psql -f` runs them: autocommit between
	// statements, explicit BEGIN ... COMMIT honoured, no session settings.
	RunnerPsql Runner = "psql"
)

// Pass is what a rule sees of the file under review.
type Pass struct {
	// Path is the file's path relative to the repository root.
	Path string
	// File is the parsed file.
	File *sqlparse.File
	// Stmts are the file's statements with their execution context.
	Stmts []*Stmt
	// Schema is the schema before the statement being checked (in Stmt
	// callbacks) or after the whole file (in End callbacks).
	Schema *model.Schema
	// Runner, Wrapped and PGVersion describe how and where the file runs:
	// Wrapped is true when the runner wraps the whole file in one
	// transaction.
	Runner    Runner
	Wrapped   bool
	PGVersion int
	// Live is true when review has a live database for facts.
	Live bool
	// Facts answers questions about the live database; nil without one.
	Facts Facts

	ctx     context.Context
	rule    *Rule
	options map[string]any
	inst    *instance
	created map[model.QName]int // relations created in this file -> statement index
	filled  map[model.QName]bool
	block   map[model.QName]bool // created in the open explicit transaction block
	// state holds the values of State for the file.
	state []memoEntry
	// sink collects the findings of all the passes of the file; nil for
	// the pass Options.Observe gets, whose reports are dropped.
	sink *findingSink
}

// findingSink is where the passes of a file report, in order, with the
// statement being checked.
type findingSink struct {
	out  []rawFinding
	stmt int
}

// Created reports whether the relation was created earlier in this file.
func (p *Pass) Created(q model.QName) bool {
	_, ok := p.created[q]
	return ok
}

// Existing reports whether the relation existed before this file, or was
// created in it and already received rows: the statements that lock or
// rewrite it then hurt (RULES.md §1). Unknown relations count as existing:
// the schema may come from outside the migration history.
func (p *Pass) Existing(q model.QName) bool {
	if _, ok := p.created[q]; ok {
		return p.filled[q]
	}
	return true
}

// Context is the review's context, for Facts calls.
func (p *Pass) Context() context.Context {
	if p.ctx == nil {
		return context.Background()
	}
	return p.ctx
}

// Option returns the rule's option value from the policy, or its default.
func (p *Pass) Option(name string) any {
	if v, ok := p.options[name]; ok {
		return v
	}
	return p.rule.Options[name]
}

// OptionString returns a string option.
func (p *Pass) OptionString(name string) string {
	switch v := p.Option(name).(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// OptionInt returns an integer option, or def when unset or not a number.
func (p *Pass) OptionInt(name string, def int) int {
	switch v := p.Option(name).(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return def
}

// optionListKey names the converted list options in Pass.Cache.
type optionListKey string

// OptionList returns a list option. The list is shared: callers must not
// change it.
func (p *Pass) OptionList(name string) []string {
	switch v := p.Option(name).(type) {
	case []string:
		return v
	case []any:
		return p.Cache(optionListKey(name), func() any {
			out := make([]string, 0, len(v))
			for _, x := range v {
				out = append(out, fmt.Sprint(x))
			}
			return out
		}).([]string)
	case string:
		if v != "" {
			return []string{v}
		}
	}
	return nil
}

// Report records a finding at the statement's first token.
func (p *Pass) Report(s *Stmt, format string, args ...any) {
	p.ReportAt(s.Line, s.Column, "", format, args...)
}

// ReportHelp records a finding with a specific help text.
func (p *Pass) ReportHelp(s *Stmt, help, format string, args ...any) {
	p.ReportAt(s.Line, s.Column, help, format, args...)
}

// ReportAt records a finding at a position; an empty help uses the rule's
// Fix.
func (p *Pass) ReportAt(line, col int, help, format string, args ...any) {
	if p.sink == nil {
		return
	}
	if help == "" {
		help = p.rule.Fix
	}
	p.sink.out = append(p.sink.out, rawFinding{stmt: p.sink.stmt, Finding: diag.Finding{
		Rule: p.rule.ID, Category: p.rule.Category, File: p.Path,
		Line: line, Column: col, Message: fmt.Sprintf(format, args...), Help: help,
	}})
}
