package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// columnCandidate is a column a statement left nullable (or without a
// default); End reports it unless a later statement of the file fixed it.
type columnCandidate struct {
	at     convSite
	table  model.QName
	column string
	// dropped reports an ALTER COLUMN ... DROP NOT NULL.
	dropped bool
}

type columnCandidates struct{ list []columnCandidate }

// convFinalColumn returns the column as the file leaves it, with its relation,
// or nils when the file dropped or renamed it (or it is unknown).
func convFinalColumn(p *review.Pass, c columnCandidate) (*model.Relation, *model.Column) {
	rel := p.Schema.Relation(c.table)
	if rel == nil {
		return nil, nil
	}
	col := rel.Column(c.column)
	if col == nil {
		return nil, nil
	}
	return rel, col
}

// columnRequireNotNull is column.require-not-null: Bytebase's column.no-null,
// the rule of the seed case.
var columnRequireNotNull = &review.Rule{
	ID:       "column.require-not-null",
	Category: review.CategoryConvention,
	Summary:  "a column defined by CREATE TABLE or ADD COLUMN, or changed by DROP NOT NULL, allows NULL",
	Why: "a nullable column makes every reader handle NULL (three-valued comparisons, NOT IN surprises, " +
		"nil checks in application code); teams that want NULL only where it means something declare " +
		"every other column NOT NULL. Primary key, identity and serial columns are NOT NULL already",
	Fix:     "declare the column NOT NULL, with a DEFAULT when the table already has rows",
	Bad:     `ALTER TABLE "public"."employee" ADD COLUMN "nick_name" text;`,
	Good:    `ALTER TABLE "public"."employee" ADD COLUMN "nick_name" text NOT NULL DEFAULT '';`,
	Aliases: []string{"column.no-null", "COLUMN_NO_NULL"},
	Nodes:   []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := convState[columnCandidates](p)
		for _, nc := range convNewColumns(p, s) {
			if !declaredNotNull(p, nc) {
				st.list = append(st.list, columnCandidate{at: convSiteOf(s), table: nc.table, column: nc.def.GetColname()})
			}
		}
		at := s.Node.GetAlterTableStmt()
		if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
			return
		}
		for _, c := range at.GetCmds() {
			if cmd := c.GetAlterTableCmd(); cmd.GetSubtype() == sqlparse.AT_DropNotNull {
				st.list = append(st.list, columnCandidate{at: convSiteOf(s), table: convRelName(p, at.GetRelation()), column: cmd.GetName(), dropped: true})
			}
		}
	},
	End: func(p *review.Pass) {
		for _, c := range convTakeState[columnCandidates](p).list {
			if rel, col := convFinalColumn(p, c); col != nil {
				if col.NotNull || convInPrimaryKey(rel, col.Name) {
					continue
				}
				if d := convColumnDomain(p.Schema, col.Type); d != nil && d.NotNull {
					continue
				}
			}
			if c.dropped {
				p.ReportAt(c.at.line, c.at.col, "", "column %s in %s allows NULL after DROP NOT NULL", convQuote(c.column), convQuoteQName(c.table))
				continue
			}
			p.ReportAt(c.at.line, c.at.col, "", "column %s in %s allows NULL", convQuote(c.column), convQuoteQName(c.table))
		}
	},
}

// declaredNotNull reports whether a new column is NOT NULL as written: a
// NOT NULL clause, a primary key, an identity or serial column, or a
// domain declared NOT NULL.
func declaredNotNull(p *review.Pass, nc convNewColumn) bool {
	cd := nc.def
	if nc.inPK || cd.GetIsNotNull() || convHasClause(cd, sqlparse.CONSTR_NOTNULL) || convHasClause(cd, sqlparse.CONSTR_IDENTITY) {
		return true
	}
	typ := sqlparse.TypeNameString(cd.GetTypeName())
	if convIsSerial(typ) {
		return true
	}
	d := convColumnDomain(p.Schema, typ)
	return d != nil && d.NotNull
}

// columnRequireDefault is column.require-default (Bytebase's id as well).
var columnRequireDefault = &review.Rule{
	ID:       "column.require-default",
	Category: review.CategoryConvention,
	Summary:  "a column defined by CREATE TABLE or ADD COLUMN has no DEFAULT (primary key, identity, serial and generated columns are exempt)",
	Why: "with a DEFAULT on every column, INSERTs written before the column existed keep working and " +
		"the value of an omitted column is a decision, not an accident",
	Fix:  "add a DEFAULT clause (a constant, or a stable expression such as now())",
	Bad:  `ALTER TABLE "public"."employee" ADD COLUMN "nick_name" text;`,
	Good: `ALTER TABLE "public"."employee" ADD COLUMN "nick_name" text NOT NULL DEFAULT '';`,
	// The id is Bytebase's own; its enum spelling is accepted too.
	Aliases: []string{"COLUMN_REQUIRE_DEFAULT"},
	Nodes:   []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := convState[columnCandidates](p)
		for _, nc := range convNewColumns(p, s) {
			if !declaredDefault(p, nc) {
				st.list = append(st.list, columnCandidate{at: convSiteOf(s), table: nc.table, column: nc.def.GetColname()})
			}
		}
	},
	End: func(p *review.Pass) {
		for _, c := range convTakeState[columnCandidates](p).list {
			if rel, col := convFinalColumn(p, c); col != nil {
				if col.HasDefault || col.Identity != "" || col.Generated || col.Serial || convInPrimaryKey(rel, col.Name) {
					continue
				}
				if d := convColumnDomain(p.Schema, col.Type); d != nil && d.Default != "" {
					continue
				}
			}
			p.ReportAt(c.at.line, c.at.col, "", "column %s in %s has no DEFAULT", convQuote(c.column), convQuoteQName(c.table))
		}
	},
}

// declaredDefault reports whether a new column has a default as written,
// or is exempt: primary key, identity, generated and serial columns, and
// columns of a domain with a default.
func declaredDefault(p *review.Pass, nc convNewColumn) bool {
	cd := nc.def
	if nc.inPK || cd.GetRawDefault() != nil || convHasClause(cd, sqlparse.CONSTR_DEFAULT) ||
		convHasClause(cd, sqlparse.CONSTR_IDENTITY) || convHasClause(cd, sqlparse.CONSTR_GENERATED) {
		return true
	}
	typ := sqlparse.TypeNameString(cd.GetTypeName())
	if convIsSerial(typ) {
		return true
	}
	d := convColumnDomain(p.Schema, typ)
	return d != nil && d.Default != ""
}
