package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bytebaseRules returns the Bytebase rules that have no dbcd equivalent
// (RULES.md §4.1). They keep Bytebase's legacy dotted ids, accept its 3.13+
// enum spellings as aliases, use its option names ("format", "maxLength",
// "number", "list", "required") and are off unless a policy or one of the
// bytebase-* presets enables them.
func bytebaseRules() []*review.Rule {
	return []*review.Rule{
		bbTableNoForeignKeyRule,
		bbTableDropNamingRule,
		bbTableCommentRule,
		bbTableDisallowPartitionRule,
		bbSelectNoSelectAllRule,
		bbWhereRequireSelectRule,
		bbWhereNoLeadingWildcardRule,
		bbDisallowCommitRule,
		bbDisallowAddColumnWithDefaultRule,
		bbInsertRowLimitRule,
		bbInsertMustSpecifyColumnRule,
		bbInsertDisallowOrderByRandRule,
		bbCheckSetRoleVariableRule,
		bbNonTransactionalRule,
		bbNamingTableRule,
		bbNamingColumnRule,
		bbNamingIndexPKRule,
		bbNamingIndexUKRule,
		bbNamingIndexIdxRule,
		bbNamingIndexFKRule,
		bbColumnCommentRule,
		bbColumnMaxCharLengthRule,
		bbBackwardCompatibilityRule,
		bbIndexNoDuplicateColumnRule,
		bbIndexTotalNumberLimitRule,
		bbPrimaryKeyTypeAllowlistRule,
		bbCharsetAllowlistRule,
		bbCollationAllowlistRule,
		bbCommentLengthRule,
		bbAffectedRowLimitRule,
		bbDmlDryRunRule,
		bbWhereDisallowFunctionsRule,
		bbObjectOwnerCheckRule,
	}
}

// bbOptionBool returns a boolean option of the rule: true, "true", "yes",
// "on" or "1" are true; anything else, or an unset option, is false.
func bbOptionBool(p *review.Pass, name string) bool {
	switch v := p.Option(name).(type) {
	case bool:
		return v
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "on", "1":
			return true
		}
	case int:
		return v != 0
	case float64:
		return v != 0
	}
	return false
}

// bbRegexCache holds compiled option patterns: the same few patterns are
// used for every statement of every file.
var bbRegexCache sync.Map // pattern -> *regexp.Regexp or error

// bbCompile compiles a pattern, caching the result.
func bbCompile(pattern string) (*regexp.Regexp, error) {
	if v, ok := bbRegexCache.Load(pattern); ok {
		if re, ok := v.(*regexp.Regexp); ok {
			return re, nil
		}
		return nil, v.(error)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		bbRegexCache.Store(pattern, err)
		return nil, err
	}
	bbRegexCache.Store(pattern, re)
	return re, nil
}

// bbFormat compiles the rule's "format" option. An invalid pattern is
// reported at s and nil is returned.
func bbFormat(p *review.Pass, s *review.Stmt) *regexp.Regexp {
	pattern := p.OptionString("format")
	re, err := bbCompile(pattern)
	if err != nil {
		p.ReportHelp(s, "fix the rule's format option in the policy",
			"option format %q is not a valid regular expression: %v", pattern, err)
		return nil
	}
	return re
}

// bbRelName resolves a relation reference of the statement being checked
// against the schema before it.
func bbRelName(p *review.Pass, rv *sqlparse.RangeVar) model.QName {
	schema, name := sqlparse.RangeVarName(rv)
	return p.Schema.Resolve(schema, name)
}

// bbObjectName resolves the relation of a qualified object name given as a
// list of String nodes ([catalog.][schema.]name), after removing its last
// drop parts (1 for table.column in COMMENT ON COLUMN).
func bbObjectName(p *review.Pass, nodes []*sqlparse.Node, drop int) (model.QName, bool) {
	names := sqlparse.NameList(nodes)
	if len(names) <= drop {
		return model.QName{}, false
	}
	names = names[:len(names)-drop]
	switch len(names) {
	case 1:
		return p.Schema.Resolve("", names[0]), true
	default:
		return p.Schema.Resolve(names[len(names)-2], names[len(names)-1]), true
	}
}

// bbQuote quotes an identifier for a message: "name" in double quotes.
func bbQuote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// bbSummary returns the start of a statement's first line, for messages.
func bbSummary(s *review.Stmt) string {
	line, _, _ := strings.Cut(s.Text, "\n")
	line = strings.TrimSpace(bbCutComment(line))
	if r := []rune(line); len(r) > 60 {
		line = string(r[:57]) + "..."
	}
	return line
}

// bbCutComment returns line without a trailing -- or /* comment (one that
// starts outside quotes): the first line of a multi-line statement often
// ends with one.
func bbCutComment(line string) string {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case strings.HasPrefix(line[i:], "--") || strings.HasPrefix(line[i:], "/*"):
			return line[:i]
		}
	}
	return line
}

// bbConstraint is a constraint a statement declares on a table: a table
// constraint of CREATE TABLE or ALTER TABLE ... ADD, or a column constraint
// (col is then the column's definition).
type bbConstraint struct {
	table model.QName
	con   *sqlparse.Constraint
	col   *sqlparse.ColumnDef
	// create is the CREATE TABLE statement declaring it, nil for ALTER
	// TABLE.
	create *sqlparse.CreateStmt
	// cols are its key columns (keyColumns), shared by the rules.
	cols []string
}

// columns returns the constraint's key columns: its key list, the
// referencing columns of a foreign key, or the column it is declared on.
// Callers must not change them.
func (tc bbConstraint) columns() []string {
	return tc.cols
}

// keyColumns computes columns.
func (tc bbConstraint) keyColumns() []string {
	keys := tc.con.GetKeys()
	if tc.con.GetContype() == sqlparse.CONSTR_FOREIGN {
		keys = tc.con.GetFkAttrs()
	}
	if len(keys) == 0 && tc.col != nil {
		return []string{tc.col.GetColname()}
	}
	return sqlparse.NameList(keys)
}

// bbConstraints returns the constraints the statement declares, in order:
// those of CREATE TABLE (table and column constraints) and of ALTER TABLE
// ... ADD CONSTRAINT and ADD COLUMN.
// Rules share it per statement (memo).
func bbConstraints(p *review.Pass, s *review.Stmt) []bbConstraint {
	return memo(s, memoConstraints, func() []bbConstraint { return bbConstraintsOf(p, s) })
}

// bbConstraintsOf computes bbConstraints.
func bbConstraintsOf(p *review.Pass, s *review.Stmt) []bbConstraint {
	out := bbConstraintsOn(p, s)
	for i := range out {
		out[i].cols = out[i].keyColumns()
	}
	return out
}

// bbConstraintsOn lists the constraints of bbConstraints, without their
// columns.
func bbConstraintsOn(p *review.Pass, s *review.Stmt) []bbConstraint {
	var out []bbConstraint
	if cs := s.Node.GetCreateStmt(); cs != nil {
		q := bbRelName(p, cs.GetRelation())
		for _, elt := range cs.GetTableElts() {
			if cd := elt.GetColumnDef(); cd != nil {
				for _, c := range cd.GetConstraints() {
					out = append(out, bbConstraint{table: q, con: c.GetConstraint(), col: cd, create: cs})
				}
			}
			if c := elt.GetConstraint(); c != nil {
				out = append(out, bbConstraint{table: q, con: c, create: cs})
			}
		}
		for _, c := range cs.GetConstraints() {
			out = append(out, bbConstraint{table: q, con: c.GetConstraint(), create: cs})
		}
		return out
	}
	at := s.Node.GetAlterTableStmt()
	if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
		return nil
	}
	q := bbRelName(p, at.GetRelation())
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case sqlparse.AT_AddConstraint:
			out = append(out, bbConstraint{table: q, con: cmd.GetDef().GetConstraint()})
		case sqlparse.AT_AddColumn:
			cd := cmd.GetDef().GetColumnDef()
			for _, k := range cd.GetConstraints() {
				out = append(out, bbConstraint{table: q, con: k.GetConstraint(), col: cd})
			}
		}
	}
	return out
}

// bbColumnDefs returns the column definitions of CREATE TABLE and of ALTER
// TABLE ... ADD COLUMN, with the table they belong to.
// Rules share them per statement (memo).
func bbColumnDefs(p *review.Pass, s *review.Stmt) (model.QName, []*sqlparse.ColumnDef) {
	d := memo(s, memoColumnDefs, func() bbDefs {
		q, defs := bbColumnDefsOf(p, s)
		return bbDefs{q, defs}
	})
	return d.table, d.defs
}

// bbDefs is what bbColumnDefs returns.
type bbDefs struct {
	table model.QName
	defs  []*sqlparse.ColumnDef
}

// bbColumnDefsOf computes bbColumnDefs.
func bbColumnDefsOf(p *review.Pass, s *review.Stmt) (model.QName, []*sqlparse.ColumnDef) {
	if cs := s.Node.GetCreateStmt(); cs != nil {
		var cols []*sqlparse.ColumnDef
		for _, elt := range cs.GetTableElts() {
			if cd := elt.GetColumnDef(); cd != nil {
				cols = append(cols, cd)
			}
		}
		return bbRelName(p, cs.GetRelation()), cols
	}
	at := s.Node.GetAlterTableStmt()
	if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
		return model.QName{}, nil
	}
	var cols []*sqlparse.ColumnDef
	for _, c := range at.GetCmds() {
		if cmd := c.GetAlterTableCmd(); cmd.GetSubtype() == sqlparse.AT_AddColumn {
			cols = append(cols, cmd.GetDef().GetColumnDef())
		}
	}
	return bbRelName(p, at.GetRelation()), cols
}

// bbPlural returns "1 row" or "2 rows".
func bbPlural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// bbJoin joins column names for a message: "a, b".
func bbJoin(names []string) string {
	return strings.Join(names, ", ")
}
