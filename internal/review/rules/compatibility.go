package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// compatibilityRules are the rules of RULES.md §2.4: changes that break
// the application version already deployed.
func compatibilityRules() []*review.Rule {
	return []*review.Rule{
		columnAddRequired,
		columnRename,
		tableRename,
		schemaRename,
		columnDropNotNull,
		enumRenameValue,
	}
}

// columnAddRequired flags ADD COLUMN ... NOT NULL (or PRIMARY KEY, or of a
// NOT NULL domain) without a usable DEFAULT on an existing or already
// populated table.
var columnAddRequired = &review.Rule{
	ID:       "column.add-required",
	Category: review.CategoryCompatibility,
	Summary:  "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table",
	Why: "the ALTER fails on any table that has rows (the new column would be NULL in each), and deployed code " +
		"that does not know the column can no longer INSERT",
	Fix:   "give the column a constant DEFAULT (ADD COLUMN c text NOT NULL DEFAULT ''), or add it nullable and backfill",
	Bad:   "ALTER TABLE orders ADD COLUMN region text NOT NULL;",
	Good:  "ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';",
	Level: diag.Error,
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		at := s.Node.GetAlterTableStmt()
		if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
			return
		}
		q := txRel(p, at.GetRelation())
		if !p.Existing(q) {
			return
		}
		for _, c := range at.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() != sqlparse.AT_AddColumn {
				continue
			}
			cd := cmd.GetDef().GetColumnDef()
			if why := requiredWithoutDefault(p, cd); why != "" {
				p.Report(s, "adds column %s to %s %s and without a DEFAULT: the ALTER fails if %s has rows, "+
					"and deployed code that does not set %s cannot INSERT", txIdent(cd.GetColname()), txQName(q), why, txQName(q), txIdent(cd.GetColname()))
				return
			}
		}
	},
}

// requiredWithoutDefault says why a new column must have a value ("NOT
// NULL", "as PRIMARY KEY", "of a NOT NULL domain") when nothing provides
// one: no non-NULL DEFAULT, no identity, no generated expression, not a
// serial type, no domain default. It returns "" otherwise.
func requiredWithoutDefault(p *review.Pass, cd *sqlparse.ColumnDef) string {
	why := ""
	for _, c := range cd.GetConstraints() {
		con := c.GetConstraint()
		switch con.GetContype() {
		case sqlparse.CONSTR_NOTNULL:
			why = "NOT NULL"
		case sqlparse.CONSTR_PRIMARY:
			if why == "" {
				why = "as PRIMARY KEY"
			}
		case sqlparse.CONSTR_DEFAULT:
			if !isNullConst(con.GetRawExpr()) {
				return ""
			}
		case sqlparse.CONSTR_IDENTITY, sqlparse.CONSTR_GENERATED:
			return ""
		}
	}
	names := sqlparse.NameList(cd.GetTypeName().GetNames())
	if len(names) == 1 {
		switch names[0] {
		case "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8":
			return ""
		}
	}
	if q, ok := typeQName(p, names); ok {
		if d := p.Schema.Domain(q); d != nil {
			if d.Default != "" {
				return ""
			}
			if d.NotNull && why == "" {
				why = "of NOT NULL domain " + txQName(q)
			}
		}
	}
	return why
}

// isNullConst reports a NULL constant, possibly cast (DEFAULT NULL::text,
// NULL::text::varchar as pg_get_expr and schema-diff tools spell it).
func isNullConst(n *sqlparse.Node) bool {
	for tc := n.GetTypeCast(); tc != nil; tc = n.GetTypeCast() {
		n = tc.GetArg()
	}
	return n.GetAConst().GetIsnull()
}
