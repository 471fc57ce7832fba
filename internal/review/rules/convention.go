package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// conventionRules returns the convention rules (RULES.md §2.5). They are
// house-style checks, off in the recommended preset: teams turn on the ones
// they agree with.
func conventionRules() []*review.Rule {
	return []*review.Rule{
		columnRequireNotNull,
		columnRequireDefault,
		columnPreferJSONB,
		columnPreferTimestamptz,
		columnPreferBigint,
		columnPreferIdentity,
		columnPreferText,
		columnBanChar,
		columnTypeDisallowList,
		columnRequiredColumns,
		tableRequirePrimaryKey,
		tableRequireSchema,
		namingIdentifierLength,
		namingConvention,
		typeEnumValueOrder,
		typeAvoidEnum,
		indexMaxColumns,
		indexForeignKeyMissingIndex,
		statementMergeAlterTable,
		statementPreferRobust,
		statementMixDDLDML,
		constraintFKOnDeleteCascade,
	}
}

// convStateKey names the per-file state of type T of a convention rule
// (review.Pass.State).
type convStateKey[T any] struct{}

// convState returns the rule's state for the file p reviews, creating it on
// first use: the convention rules that collect facts statement by
// statement and decide in End keep them there.
func convState[T any](p *review.Pass) *T {
	return p.State(convStateKey[T]{}, func() any { return new(T) }).(*T)
}

// convTakeState returns the rule's state for the file, for End (the state
// ends with the file).
func convTakeState[T any](p *review.Pass) *T {
	return convState[T](p)
}

// convSite is a statement position remembered for a finding reported in End.
type convSite struct{ line, col int }

func convSiteOf(s *review.Stmt) convSite { return convSite{s.Line, s.Column} }

// convQuote quotes an identifier for messages, as PostgreSQL would write it
// in a statement.
func convQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// convQuoteQName writes a relation name as "schema"."name".
func convQuoteQName(q model.QName) string {
	if q.Schema == "" {
		return convQuote(q.Name)
	}
	return convQuote(q.Schema) + "." + convQuote(q.Name)
}

// convQuoteNames quotes the parts of a qualified name: "public"."mood".
func convQuoteNames(parts []string) string {
	quoted := make([]string, len(parts))
	for i, part := range parts {
		quoted[i] = convQuote(part)
	}
	return strings.Join(quoted, ".")
}

// convRelName resolves a relation reference against the schema before the
// statement.
func convRelName(p *review.Pass, rv *sqlparse.RangeVar) model.QName {
	schema, name := sqlparse.RangeVarName(rv)
	return p.Schema.Resolve(schema, name)
}

// convNewColumn is a column defined by a statement: in CREATE TABLE or in ALTER
// TABLE ... ADD COLUMN.
type convNewColumn struct {
	table model.QName
	def   *sqlparse.ColumnDef
	// inPK reports that a PRIMARY KEY of the same statement covers the
	// column (inline or as a table constraint).
	inPK bool
	// created reports a column of CREATE TABLE.
	created bool
}

// convNewColumns returns the columns that s defines with a type: those of a
// CREATE TABLE (not of a partition or typed table, whose columns come from
// elsewhere) and those of ALTER TABLE ... ADD COLUMN.
// Rules share it per statement (memo).
func convNewColumns(p *review.Pass, s *review.Stmt) []convNewColumn {
	return memo(s, memoNewColumns, func() []convNewColumn { return convNewColumnsOf(p, s) })
}

// convNewColumnsOf computes convNewColumns.
func convNewColumnsOf(p *review.Pass, s *review.Stmt) []convNewColumn {
	var out []convNewColumn
	if cs := s.Node.GetCreateStmt(); cs != nil {
		if cs.GetPartbound() != nil || cs.GetOfTypename() != nil {
			return nil
		}
		q := convRelName(p, cs.GetRelation())
		pk := map[string]bool{}
		for _, elt := range cs.GetTableElts() {
			if c := elt.GetConstraint(); c != nil && c.GetContype() == sqlparse.CONSTR_PRIMARY {
				for _, k := range sqlparse.NameList(c.GetKeys()) {
					pk[k] = true
				}
			}
		}
		for _, elt := range cs.GetTableElts() {
			if cd := elt.GetColumnDef(); cd != nil && cd.GetTypeName() != nil {
				out = append(out, convNewColumn{table: q, def: cd, inPK: pk[cd.GetColname()] || convHasClause(cd, sqlparse.CONSTR_PRIMARY), created: true})
			}
		}
		return out
	}
	at := s.Node.GetAlterTableStmt()
	if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
		return nil
	}
	q := convRelName(p, at.GetRelation())
	pk := map[string]bool{}
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		if con := cmd.GetDef().GetConstraint(); cmd.GetSubtype() == sqlparse.AT_AddConstraint && con.GetContype() == sqlparse.CONSTR_PRIMARY {
			for _, k := range sqlparse.NameList(con.GetKeys()) {
				pk[k] = true
			}
		}
	}
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		if cd := cmd.GetDef().GetColumnDef(); cmd.GetSubtype() == sqlparse.AT_AddColumn && cd != nil && cd.GetTypeName() != nil {
			out = append(out, convNewColumn{table: q, def: cd, inPK: pk[cd.GetColname()] || convHasClause(cd, sqlparse.CONSTR_PRIMARY)})
		}
	}
	return out
}

// convHasClause reports whether the column definition has a clause
// (constraint) of the kind.
func convHasClause(cd *sqlparse.ColumnDef, kind sqlparse.ConstrType) bool {
	for _, n := range cd.GetConstraints() {
		if c := n.GetConstraint(); c != nil && c.GetContype() == kind {
			return true
		}
	}
	return false
}

// convIsSerial reports a serial pseudo-type (serial, bigserial, smallserial and
// their serialN spellings).
func convIsSerial(typ string) bool {
	switch typ {
	case "serial", "serial4", "bigserial", "serial8", "smallserial", "serial2":
		return true
	}
	return false
}

// convColumnDomain returns the domain a column type names, or nil; typ is a
// normalised type ("public.d" or "d").
func convColumnDomain(s *model.Schema, typ string) *model.Domain {
	typ = strings.TrimSuffix(typ, "[]")
	if strings.ContainsAny(typ, "()") {
		return nil
	}
	schema, name, ok := strings.Cut(typ, ".")
	if !ok {
		schema, name = "", typ
	}
	return s.Domain(s.ResolveType(schema, name))
}

// convInPrimaryKey reports whether the column is a key column of the relation's
// primary key.
func convInPrimaryKey(rel *model.Relation, column string) bool {
	pk := rel.PrimaryKey()
	if pk == nil {
		return false
	}
	for _, c := range pk.Columns {
		if c == column {
			return true
		}
	}
	return false
}
