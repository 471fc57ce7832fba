// Package review is dbcd's SQL review engine: rules are small analyzers with
// stable ids that look at each statement of a migration file, knowing the
// schema left by earlier migrations of the same database, how the file will
// be run, and which objects the file itself created. Policies choose the
// rules and their levels; suppression comments silence single findings.
//
// The rules themselves live in package review/rules; this package runs them.
package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Categories of rules (RULES.md §2); a policy may set a whole category with
// the key "category:<name>".
const (
	CategorySyntax        = "syntax"
	CategoryLocking       = "locking"
	CategoryTransaction   = "transaction"
	CategoryDestructive   = "destructive"
	CategoryCompatibility = "compatibility"
	CategoryConvention    = "convention"
	CategoryMeta          = "meta"
	// CategoryBytebase holds Bytebase rules with no dbcd equivalent, kept
	// under their Bytebase ids (RULES.md §4.1).
	CategoryBytebase = "bytebase"
)

// Off is the level of a rule that does not run.
const Off diag.Severity = 0

// Rule is one analyzer.
type Rule struct {
	// ID is the stable rule id (RULES.md), e.g. "index.require-concurrently".
	ID       string
	Category string
	// Summary says in one line what the rule flags.
	Summary string
	// Why explains the harm, for `dbcd rules RULE`.
	Why string
	// Fix says in one line what to do instead; it is the findings' default
	// help text.
	Fix string
	// Bad and Good are example migrations: Bad is flagged, Good is clean.
	// Tests check both.
	Bad, Good string
	// Level is the rule's level in the recommended preset (Off for
	// conventions).
	Level diag.Severity
	// Aliases are other ids accepted in configuration and suppressions:
	// Bytebase's legacy dotted ids and its enum spellings.
	Aliases []string
	// Options are the rule's options and their defaults.
	Options map[string]any
	// Live rules need facts only a live database has (row estimates,
	// EXPLAIN); without one they are skipped with a note.
	Live bool
	// Stmt is called for each statement, before the statement is applied to
	// the schema model; it may be nil.
	Stmt func(p *Pass, s *Stmt)
	// Nodes, when set, restricts Stmt to the statements whose parse tree is
	// one of these node types, named as pg_query names them
	// ("AlterTableStmt", "IndexStmt"): for a rule that returns at once on
	// any other statement, which the review then does not call it for.
	// Leave it nil for rules that look at every statement.
	Nodes []string
	// End is called once after the last statement; it may be nil.
	End func(p *Pass)
}

// Catalog is a set of rules, indexed by id and alias.
type Catalog struct {
	rules []*Rule
	byID  map[string]*Rule
}

// NewCatalog indexes rules. It fails on duplicate ids or aliases, which is a
// programming error caught by tests.
func NewCatalog(rules ...*Rule) (*Catalog, error) {
	c := &Catalog{byID: map[string]*Rule{}}
	for _, r := range append(builtinRules(), rules...) {
		for _, n := range r.Nodes {
			if _, ok := sqlparse.NodeTypeNamed(n); !ok {
				return nil, fmt.Errorf("rule %s: Nodes names %q, which is no pg_query node type", r.ID, n)
			}
		}
		for _, id := range append([]string{r.ID}, r.Aliases...) {
			key := normID(id)
			if other, dup := c.byID[key]; dup {
				return nil, fmt.Errorf("rule id %q of %s is also used by %s", id, r.ID, other.ID)
			}
			c.byID[key] = r
		}
		c.rules = append(c.rules, r)
	}
	sort.Slice(c.rules, func(i, j int) bool { return c.rules[i].ID < c.rules[j].ID })
	return c, nil
}

// Rules returns every rule, sorted by id.
func (c *Catalog) Rules() []*Rule { return c.rules }

// Lookup finds a rule by id or alias (Bytebase enum spellings such as
// COLUMN_NO_NULL included).
func (c *Catalog) Lookup(id string) (*Rule, bool) {
	r, ok := c.byID[normID(id)]
	return r, ok
}

// Categories lists the categories in use.
func (c *Catalog) Categories() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range c.rules {
		if !seen[r.Category] {
			seen[r.Category] = true
			out = append(out, r.Category)
		}
	}
	sort.Strings(out)
	return out
}

// normID folds the spellings of one id together: Bytebase's enum spelling
// COLUMN_NO_NULL and its legacy id column.no-null share a key only when the
// alias list names both; here only case is folded.
func normID(id string) string { return strings.ToLower(strings.TrimSpace(id)) }

// Meta rule ids the engine itself reports.
const (
	RuleParseError        = "syntax.parse-error"
	RuleSuppressionUnused = "suppression.unused"
)

// builtinRules are the meta rules the engine implements itself.
func builtinRules() []*Rule {
	return []*Rule{
		{
			ID: RuleParseError, Category: CategorySyntax, Level: diag.Error,
			Summary: "the file does not parse with the PostgreSQL 16 grammar",
			Why:     "a file that does not parse fails at apply time, and nothing in it can be checked",
			Fix:     "fix the syntax error at the position shown",
			Bad:     "ALTER TABLE employee ADD COLUMN;",
			Good:    "ALTER TABLE employee ADD COLUMN nickname text;",
		},
		{
			ID: RuleSuppressionUnused, Category: CategoryMeta, Level: diag.Warning,
			Summary: "a -- dbcd:ignore directive names an unknown rule or suppresses nothing",
			Why:     "stale suppressions hide future findings and mislead readers",
			Fix:     "remove the directive, or name the rule that fires on the statement",
			Bad:     "-- dbcd:ignore table.drop\nCREATE TABLE t (id int);",
			Good:    "-- dbcd:ignore table.drop : archived in TICKET-12\nDROP TABLE old_t;",
		},
	}
}

// Stmt is a statement under review.
type Stmt struct {
	*sqlparse.Statement
	// Index is the statement's position in the file, from 0.
	Index int
	// InTransaction reports whether the statement runs inside a transaction
	// block (the runner's wrapping or an explicit BEGIN).
	InTransaction bool
	// LockTimeout and StatementTimeout report whether a non-zero timeout is
	// in effect when the statement runs.
	LockTimeout, StatementTimeout bool

	// memo holds the values of Memo, computed while *clock was memoAt;
	// the walk advances the clock whenever the schema model changes.
	memo   []memoEntry
	memoAt int
	clock  *int
	// memoBuf holds the first memo entries, which are all most
	// statements need, without an allocation of their own.
	memoBuf [6]memoEntry
}
