package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Bytebase's naming rules compare a name with the format option (a regular
// expression) and its length in bytes with maxLength, PostgreSQL's limit
// being 63 bytes. A maxLength of 0 or less turns the length check off.

// bbNameDefaultFormat is Bytebase's default format for table and column
// names: lower-case words joined by underscores.
const bbNameDefaultFormat = "^[a-z]+(_[a-z]+)*$"

// bbCheckName reports name (of the given kind, e.g. "table name") when it
// does not match the format option or is longer than maxLength bytes.
func bbCheckName(p *review.Pass, s *review.Stmt, kind, name, where string) {
	re := bbFormat(p, s)
	if re == nil {
		return
	}
	if !re.MatchString(name) {
		p.Report(s, "%s %s%s does not match %q", kind, bbQuote(name), where, re.String())
	}
	if limit := p.OptionInt("maxLength", 64); limit > 0 && len(name) > limit {
		p.ReportHelp(s, "shorten the name to at most the configured maxLength",
			"%s %s%s is %d bytes long, more than %d", kind, bbQuote(name), where, len(name), limit)
	}
}

// bbNamingTableRule checks the names of new tables (CREATE TABLE, CREATE
// TABLE AS, SELECT INTO) and of renamed ones.
var bbNamingTableRule = &review.Rule{
	ID:       "naming.table",
	Aliases:  []string{"NAMING_TABLE"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"format": bbNameDefaultFormat, "maxLength": 64},
	Summary:  "a table name that does not match the format (default lower_snake_case) or exceeds maxLength (Bytebase NAMING_TABLE)",
	Why:      "consistent names are easier to find and never need quoting; mixed-case names must be quoted everywhere",
	Fix:      "rename the table to match the naming convention, e.g. order_items",
	Bad:      `CREATE TABLE "OrderItems" (id bigint);`,
	Good:     "CREATE TABLE order_items (id bigint);",
	Nodes:    []string{"CreateStmt", "CreateTableAsStmt", "SelectStmt", "RenameStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		n := s.Node
		switch {
		case n.GetCreateStmt() != nil:
			bbCheckName(p, s, "table name", n.GetCreateStmt().GetRelation().GetRelname(), "")
		case n.GetCreateTableAsStmt() != nil && n.GetCreateTableAsStmt().GetObjtype() == sqlparse.OBJECT_TABLE:
			bbCheckName(p, s, "table name", n.GetCreateTableAsStmt().GetInto().GetRel().GetRelname(), "")
		case n.GetSelectStmt().GetIntoClause() != nil:
			bbCheckName(p, s, "table name", n.GetSelectStmt().GetIntoClause().GetRel().GetRelname(), "")
		case n.GetRenameStmt() != nil && n.GetRenameStmt().GetRenameType() == sqlparse.OBJECT_TABLE:
			bbCheckName(p, s, "table name", n.GetRenameStmt().GetNewname(), "")
		}
	},
}

// bbNamingColumnRule checks the names of new columns (CREATE TABLE, ADD
// COLUMN) and of renamed ones.
var bbNamingColumnRule = &review.Rule{
	ID:       "naming.column",
	Aliases:  []string{"NAMING_COLUMN"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"format": bbNameDefaultFormat, "maxLength": 64},
	Summary:  "a column name that does not match the format (default lower_snake_case) or exceeds maxLength (Bytebase NAMING_COLUMN)",
	Why:      "consistent names are easier to find and never need quoting; mixed-case names must be quoted everywhere",
	Fix:      "rename the column to match the naming convention, e.g. created_at",
	Bad:      `ALTER TABLE orders ADD COLUMN "createdAt" timestamptz;`,
	Good:     "ALTER TABLE orders ADD COLUMN created_at timestamptz;",
	Nodes:    []string{"CreateStmt", "AlterTableStmt", "RenameStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		q, defs := bbColumnDefs(p, s)
		for _, cd := range defs {
			bbCheckName(p, s, "column name", cd.GetColname(), " in "+q.String())
		}
		if rs := s.Node.GetRenameStmt(); rs != nil && rs.GetRenameType() == sqlparse.OBJECT_COLUMN {
			bbCheckName(p, s, "column name", rs.GetNewname(), " in "+bbRelName(p, rs.GetRelation()).String())
		}
	},
}
