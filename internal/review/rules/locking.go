package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// lockingRules returns the rules of category locking (RULES.md §2.1):
// statements that hold a strong lock on an existing table while they scan
// or rewrite it. Tables created earlier in the same file are exempt unless
// the file inserted rows into them (review.Pass.Existing).
func lockingRules() []*review.Rule {
	return []*review.Rule{
		indexRequireConcurrently,
		indexDropRequireConcurrently,
		indexReindexRequireConcurrently,
		columnAddVolatileDefault,
		columnAddIdentity,
		columnAddGeneratedStored,
		columnChangeType,
		columnSetNotNull,
		constraintCheckRequireNotValid,
		constraintFKRequireNotValid,
		constraintUniqueRequireIndex,
		constraintPrimaryKeyRequireIndex,
		constraintExclusion,
		tableRewrite,
		partitionDetachConcurrently,
		typeDomainConstraint,
		matviewRefreshConcurrently,
	}
}

// lkName spells a relation name for messages: schema.name, each part
// double-quoted when it needs quotes to keep its spelling.
func lkName(q model.QName) string {
	if q.Schema == "" {
		return lkIdent(q.Name)
	}
	return lkIdent(q.Schema) + "." + lkIdent(q.Name)
}

// lkIdent quotes an identifier unless it is lower case letters, digits and
// underscores not starting with a digit.
func lkIdent(s string) string { return model.QuoteIdent(s) }

// lkRel resolves a relation reference of the statement being checked.
func lkRel(p *review.Pass, rv *sqlparse.RangeVar) model.QName {
	schema, name := sqlparse.RangeVarName(rv)
	return p.Schema.Resolve(schema, name)
}

// lkAlter calls fn for each subcommand of an ALTER TABLE on an existing
// table (not ALTER INDEX / VIEW / SEQUENCE / FOREIGN TABLE, which have no
// rows of their own), with the table's name and its model (nil when
// unknown).
func lkAlter(p *review.Pass, s *review.Stmt, fn func(q model.QName, rel *model.Relation, cmd *sqlparse.AlterTableCmd)) {
	at := s.Node.GetAlterTableStmt()
	if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
		return
	}
	q := lkRel(p, at.GetRelation())
	if !p.Existing(q) {
		return
	}
	rel := p.Schema.Relation(q)
	if rel != nil && rel.Kind != model.KindTable && rel.Kind != model.KindPartitioned {
		return
	}
	for _, c := range at.GetCmds() {
		if cmd := c.GetAlterTableCmd(); cmd != nil {
			fn(q, rel, cmd)
		}
	}
}

// lkColumnConstraints returns the inline constraints of a column
// definition.
func lkColumnConstraints(cd *sqlparse.ColumnDef) []*sqlparse.Constraint {
	var out []*sqlparse.Constraint
	for _, n := range cd.GetConstraints() {
		if c := n.GetConstraint(); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// rewriteCause says why ADD COLUMN rewrites the table.
type rewriteCause int

// The causes of a rewrite by ADD COLUMN.
const (
	causeNone       rewriteCause = iota
	causeIdentity                // GENERATED ... AS IDENTITY
	causeGenerated               // GENERATED ALWAYS AS (...) STORED
	causeSerial                  // serial pseudo-type: DEFAULT nextval(...)
	causeVolatile                // volatile DEFAULT
	causeDomain                  // domain type with constraints
	causeOldDefault              // any DEFAULT before PostgreSQL 11
)

// columnRewriteCause returns why adding the column cd rewrites the table
// on a server of major version pg, and a detail for the message (the
// volatile call, the domain name).
func columnRewriteCause(schema *model.Schema, cd *sqlparse.ColumnDef, pg int) (rewriteCause, string) {
	var def *sqlparse.Node
	for _, c := range lkColumnConstraints(cd) {
		switch c.GetContype() {
		case sqlparse.CONSTR_IDENTITY:
			return causeIdentity, ""
		case sqlparse.CONSTR_GENERATED:
			return causeGenerated, ""
		case sqlparse.CONSTR_DEFAULT:
			def = c.GetRawExpr()
		}
	}
	if def == nil {
		def = cd.GetRawDefault()
	}
	if isSerialType(cd.GetTypeName()) {
		return causeSerial, sqlparse.TypeNameString(cd.GetTypeName())
	}
	if def != nil && isNullConst(def) {
		def = nil // DEFAULT NULL (or NULL::type) is no default: PostgreSQL stores none
	}
	if def != nil {
		if v, ok := findVolatile(schema, def); ok {
			return causeVolatile, v.String()
		}
	}
	if d, ok := constrainedDomain(schema, cd.GetTypeName()); ok {
		return causeDomain, lkName(d)
	}
	if def != nil && pg < 11 {
		return causeOldDefault, sqlparse.ExprString(def)
	}
	return causeNone, ""
}

// notNullKnown reports whether SET NOT NULL on the column needs no scan:
// the column is NOT NULL already, or (PostgreSQL 12+) a validated CHECK
// constraint proves it.
func notNullKnown(rel *model.Relation, col string, pg int) bool {
	if rel == nil {
		return false
	}
	if c := rel.Column(col); c != nil && c.NotNull {
		return true
	}
	return pg >= 12 && checkProvesNotNull(rel, col)
}

// checkProvesNotNull reports whether a validated CHECK constraint of rel
// has "col IS NOT NULL" (or "NOT col IS NULL", which PostgreSQL simplifies
// to it) among its top-level AND terms.
func checkProvesNotNull(rel *model.Relation, col string) bool {
	quoted := `"` + strings.ReplaceAll(col, `"`, `""`) + `"`
	for _, c := range rel.Constraints {
		if c.Type != model.ConCheck || c.NotValid {
			continue
		}
		for _, term := range andTerms(c.Expr) {
			name, ok := strings.CutSuffix(term, " IS NOT NULL")
			if !ok {
				if rest, neg := strings.CutPrefix(term, "NOT "); neg {
					name, ok = strings.CutSuffix(rest, " IS NULL")
				}
			}
			if ok && (name == col || name == quoted) {
				return true
			}
		}
	}
	return false
}

// andTerms splits a deparsed boolean expression at its top-level ANDs,
// stripping enclosing parentheses from each term.
func andTerms(expr string) []string {
	expr = stripParens(strings.TrimSpace(expr))
	var terms []string
	depth, start := 0, 0
	var quote byte // the quote character of the literal or identifier we are in
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && strings.HasPrefix(expr[i:], " AND "):
			terms = append(terms, stripParens(strings.TrimSpace(expr[start:i])))
			start = i + len(" AND ")
			i += len(" AND ") - 1
		}
	}
	return append(terms, stripParens(strings.TrimSpace(expr[start:])))
}

// stripParens removes parentheses enclosing the whole of s.
func stripParens(s string) string {
	for len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		depth := 0
		whole := true
		for i := 0; i < len(s)-1; i++ {
			switch s[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				whole = false
				break
			}
		}
		if !whole {
			return s
		}
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// nullableIndexColumns returns the columns of the index adopted by ADD
// PRIMARY KEY ... USING INDEX that may hold NULLs: PostgreSQL sets them
// NOT NULL, with a full scan. Unknown indexes and columns give nil.
func nullableIndexColumns(schema *model.Schema, rel *model.Relation, con *sqlparse.Constraint, pg int) []string {
	if rel == nil || con.GetIndexname() == "" {
		return nil
	}
	idx := schema.Index(model.QName{Schema: rel.Name.Schema, Name: con.GetIndexname()})
	if idx == nil {
		return nil
	}
	var out []string
	for _, col := range idx.Columns {
		if rel.Column(col) != nil && !notNullKnown(rel, col, pg) {
			out = append(out, col)
		}
	}
	return out
}
