package rules

import (
	"regexp"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// maxIdentifierBytes is NAMEDATALEN-1: PostgreSQL truncates longer
// identifiers.
const maxIdentifierBytes = 63

// namingIdentifierLength is naming.identifier-length.
var namingIdentifierLength = &review.Rule{
	ID:       "naming.identifier-length",
	Category: review.CategoryConvention,
	Summary:  "an identifier longer than 63 bytes",
	Why: "PostgreSQL silently truncates identifiers to 63 bytes (only a NOTICE is shown): two long names " +
		"can truncate to the same object, and later statements that spell the full name still work while " +
		"tools comparing names do not. Multi-byte UTF-8 names hit the limit well below 63 characters",
	Fix:  "shorten the name to at most 63 bytes",
	Bad:  "CREATE INDEX orders_customer_id_created_at_status_shipping_country_partial_idx_v2 ON public.orders (customer_id);",
	Good: "CREATE INDEX orders_customer_created_status_idx ON public.orders (customer_id);",
	Stmt: func(p *review.Pass, s *review.Stmt) {
		var seen []string
		for _, id := range s.LongIdentifiers(maxIdentifierBytes) {
			if slices.Contains(seen, id.Name) {
				continue
			}
			seen = append(seen, id.Name)
			p.Report(s, "identifier %s is %d bytes long: PostgreSQL truncates it to 63 bytes (%s)",
				convQuote(id.Name), len(id.Name), convQuote(truncateIdentifier(id.Name)))
		}
	},
}

// truncateIdentifier cuts a name to 63 bytes without splitting a character,
// as PostgreSQL does.
func truncateIdentifier(name string) string {
	n := maxIdentifierBytes
	for n > 0 && !utf8.RuneStart(name[n]) {
		n--
	}
	return name[:n]
}

// The object kinds of naming.convention, which are also its option names.
const (
	nameTable   = "table"
	nameColumn  = "column"
	nameIndex   = "index"
	nameUnique  = "unique"
	namePrimary = "primary"
	nameForeign = "foreign"
	nameCheck   = "check"
)

// convSnakeCase matches names that need no quoting in lower case.
const convSnakeCase = `^[a-z_][a-z0-9_]*$`

// namingConvention is naming.convention.
var namingConvention = &review.Rule{
	ID:       "naming.convention",
	Category: review.CategoryConvention,
	Summary:  "a table, column, index or constraint name that does not match the policy's regular expression for its kind",
	Why: "consistent names make schemas readable and let tools infer meaning (fk_ prefixes, _idx " +
		"suffixes); names that need quoting (mixed case, spaces) must be quoted in every query forever",
	Fix:  "rename the object to match the naming convention",
	Bad:  `CREATE TABLE public."UserAccount" ("Id" bigint PRIMARY KEY);`,
	Good: "CREATE TABLE public.user_account (id bigint PRIMARY KEY);",
	// Options are regular expressions per kind of name; an empty one leaves
	// that kind unchecked. Tables and columns default to lower-case names
	// that need no quoting; unnamed constraints and indexes (named by
	// PostgreSQL) are never checked.
	Options: map[string]any{
		nameTable: convSnakeCase, nameColumn: convSnakeCase,
		nameIndex: "", nameUnique: "", namePrimary: "", nameForeign: "", nameCheck: "",
	},
	Nodes: []string{"CreateStmt", "CreateTableAsStmt", "SelectStmt", "AlterTableStmt", "IndexStmt", "RenameStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		for _, n := range namesOf(p, s) {
			pattern := p.OptionString(n.kind)
			if pattern == "" || n.name == "" {
				continue
			}
			re, err := convCompilePattern(pattern)
			if err != nil {
				p.Report(s, "option %q of naming.convention is not a valid regular expression: %v", n.kind, err)
				continue
			}
			if !re.MatchString(n.name) {
				p.Report(s, "%s name %s does not match the naming convention %s (option %q)", convKindLabel[n.kind], convQuote(n.name), pattern, n.kind)
			}
		}
	},
}

var convKindLabel = map[string]string{
	nameTable: "table", nameColumn: "column", nameIndex: "index", nameUnique: "unique constraint",
	namePrimary: "primary key", nameForeign: "foreign key", nameCheck: "check constraint",
}

// convPatterns caches compiled option patterns.
var convPatterns sync.Map

func convCompilePattern(pattern string) (*regexp.Regexp, error) {
	if re, ok := convPatterns.Load(pattern); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	convPatterns.Store(pattern, re)
	return re, nil
}

// namesOf returns the names s gives to tables, columns, indexes and
// constraints, with their naming.convention kinds.
func namesOf(p *review.Pass, s *review.Stmt) []convNamedObject {
	var out []convNamedObject
	n := s.Node
	constraint := func(c *sqlparse.Constraint) {
		if c == nil || c.GetConname() == "" {
			return
		}
		if kind := convConstraintKinds[c.GetContype()]; kind != "" {
			out = append(out, convNamedObject{kind, c.GetConname()})
		}
	}
	column := func(cd *sqlparse.ColumnDef) {
		out = append(out, convNamedObject{nameColumn, cd.GetColname()})
		for _, c := range cd.GetConstraints() {
			constraint(c.GetConstraint())
		}
	}
	switch {
	case n.GetCreateStmt() != nil:
		cs := n.GetCreateStmt()
		out = append(out, convNamedObject{nameTable, cs.GetRelation().GetRelname()})
		for _, elt := range cs.GetTableElts() {
			if cd := elt.GetColumnDef(); cd != nil {
				column(cd)
			}
			constraint(elt.GetConstraint())
		}
	case n.GetCreateTableAsStmt() != nil && n.GetCreateTableAsStmt().GetObjtype() == sqlparse.OBJECT_TABLE:
		out = append(out, convNamedObject{nameTable, n.GetCreateTableAsStmt().GetInto().GetRel().GetRelname()})
	case n.GetSelectStmt().GetIntoClause() != nil:
		out = append(out, convNamedObject{nameTable, n.GetSelectStmt().GetIntoClause().GetRel().GetRelname()})
	case n.GetAlterTableStmt() != nil && n.GetAlterTableStmt().GetObjtype() == sqlparse.OBJECT_TABLE:
		for _, c := range n.GetAlterTableStmt().GetCmds() {
			cmd := c.GetAlterTableCmd()
			switch cmd.GetSubtype() {
			case sqlparse.AT_AddColumn:
				if cd := cmd.GetDef().GetColumnDef(); cd != nil {
					column(cd)
				}
			case sqlparse.AT_AddConstraint:
				constraint(cmd.GetDef().GetConstraint())
			}
		}
	case n.GetIndexStmt() != nil:
		kind := nameIndex
		if n.GetIndexStmt().GetUnique() {
			kind = nameUnique
		}
		out = append(out, convNamedObject{kind, n.GetIndexStmt().GetIdxname()})
	case n.GetRenameStmt() != nil:
		out = append(out, renamedObject(p, n.GetRenameStmt())...)
	}
	return out
}

// renamedObject returns the new name a RENAME gives, with its kind.
func renamedObject(p *review.Pass, rs *sqlparse.RenameStmt) []convNamedObject {
	switch rs.GetRenameType() {
	case sqlparse.OBJECT_TABLE:
		return []convNamedObject{{nameTable, rs.GetNewname()}}
	case sqlparse.OBJECT_COLUMN:
		if rs.GetRelationType() == sqlparse.OBJECT_TABLE {
			return []convNamedObject{{nameColumn, rs.GetNewname()}}
		}
	case sqlparse.OBJECT_INDEX:
		kind := nameIndex
		if idx := p.Schema.Index(convRelName(p, rs.GetRelation())); idx != nil {
			switch {
			case idx.Primary:
				kind = namePrimary
			case idx.Unique:
				kind = nameUnique
			}
		}
		return []convNamedObject{{kind, rs.GetNewname()}}
	case sqlparse.OBJECT_TABCONSTRAINT:
		if rel := p.Schema.Relation(convRelName(p, rs.GetRelation())); rel != nil {
			if con := rel.Constraint(rs.GetSubname()); con != nil {
				if kind := convModelConstraintKinds[con.Type]; kind != "" {
					return []convNamedObject{{kind, rs.GetNewname()}}
				}
			}
		}
	}
	return nil
}

var convConstraintKinds = map[sqlparse.ConstrType]string{
	sqlparse.CONSTR_PRIMARY: namePrimary,
	sqlparse.CONSTR_UNIQUE:  nameUnique,
	sqlparse.CONSTR_FOREIGN: nameForeign,
	sqlparse.CONSTR_CHECK:   nameCheck,
}

var convModelConstraintKinds = map[string]string{
	model.ConPrimary: namePrimary,
	model.ConUnique:  nameUnique,
	model.ConForeign: nameForeign,
	model.ConCheck:   nameCheck,
}
