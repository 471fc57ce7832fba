package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bbBackwardCompatibilityRule flags Bytebase's breaking changes on objects
// that existed before the file (objects created in the file are unknown to
// deployed code): DROP DATABASE, DROP TABLE, DROP MATERIALIZED VIEW, DROP
// COLUMN, renaming a table or column, ALTER COLUMN TYPE, adding a PRIMARY
// KEY, UNIQUE (but not UNIQUE USING INDEX), FOREIGN KEY or CHECK constraint,
// and CREATE UNIQUE INDEX.
var bbBackwardCompatibilityRule = &review.Rule{
	ID:       "schema.backward-compatibility",
	Aliases:  []string{"SCHEMA_BACKWARD_COMPATIBILITY"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "a change that breaks code written for the old schema: drops, renames, type changes, new constraints (Bytebase SCHEMA_BACKWARD_COMPATIBILITY)",
	Why: "the application version deployed while the migration runs still uses the old names and types, " +
		"and new constraints make its writes fail",
	Fix: "make the change in backward-compatible steps (add the new shape, migrate code and data, then remove the old one)",
	Bad: "CREATE TABLE orders (id bigint, note text);\n-- next file --\n" +
		"ALTER TABLE orders RENAME COLUMN note TO comment;",
	Good: "CREATE TABLE orders (id bigint, note text);\n-- next file --\n" +
		"ALTER TABLE orders ADD COLUMN comment text;",
	Nodes: []string{"DropdbStmt", "DropStmt", "RenameStmt", "AlterTableStmt", "IndexStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		n := s.Node
		switch {
		case n.GetDropdbStmt() != nil:
			p.Report(s, "database %s is dropped: every application using it breaks", bbQuote(n.GetDropdbStmt().GetDbname()))
		case n.GetDropStmt() != nil:
			bbCompatDrop(p, s, n.GetDropStmt())
		case n.GetRenameStmt() != nil:
			rs := n.GetRenameStmt()
			q := bbRelName(p, rs.GetRelation())
			if p.Created(q) {
				return
			}
			switch rs.GetRenameType() {
			case sqlparse.OBJECT_TABLE:
				p.Report(s, "table %s is renamed to %s: deployed code still uses the old name", q, bbQuote(rs.GetNewname()))
			case sqlparse.OBJECT_COLUMN:
				if rs.GetRelationType() == sqlparse.OBJECT_TABLE {
					p.Report(s, "column %s of %s is renamed to %s: deployed code still uses the old name",
						bbQuote(rs.GetSubname()), q, bbQuote(rs.GetNewname()))
				}
			}
		case n.GetAlterTableStmt() != nil:
			bbCompatAlter(p, s, n.GetAlterTableStmt())
		case n.GetIndexStmt() != nil && n.GetIndexStmt().GetUnique():
			if q := bbRelName(p, n.GetIndexStmt().GetRelation()); !p.Created(q) {
				p.Report(s, "unique index is created on existing table %s: writes of deployed code that duplicate a value start failing", q)
			}
		}
	},
}

// bbCompatDrop checks DROP TABLE and DROP MATERIALIZED VIEW.
func bbCompatDrop(p *review.Pass, s *review.Stmt, ds *sqlparse.DropStmt) {
	kind := ""
	switch ds.GetRemoveType() {
	case sqlparse.OBJECT_TABLE:
		kind = "table"
	case sqlparse.OBJECT_MATVIEW:
		kind = "materialized view"
	default:
		return
	}
	for _, obj := range ds.GetObjects() {
		if q, ok := bbObjectName(p, obj.GetList().GetItems(), 0); ok && !p.Created(q) {
			p.Report(s, "%s %s is dropped: deployed code that still uses it fails", kind, q)
		}
	}
}

// bbCompatAlter checks the subcommands of ALTER TABLE on an existing table.
func bbCompatAlter(p *review.Pass, s *review.Stmt, at *sqlparse.AlterTableStmt) {
	q := bbRelName(p, at.GetRelation())
	if at.GetObjtype() != sqlparse.OBJECT_TABLE || p.Created(q) {
		return
	}
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case sqlparse.AT_DropColumn:
			p.Report(s, "column %s of %s is dropped: deployed code that still uses it fails", bbQuote(cmd.GetName()), q)
		case sqlparse.AT_AlterColumnType:
			p.Report(s, "column %s of %s changes type to %s: deployed code may read or write values of the old type", bbQuote(cmd.GetName()), q,
				sqlparse.TypeNameString(cmd.GetDef().GetColumnDef().GetTypeName()))
		case sqlparse.AT_AddConstraint:
			con := cmd.GetDef().GetConstraint()
			if con.GetContype() == sqlparse.CONSTR_UNIQUE && con.GetIndexname() != "" {
				// ADD UNIQUE USING INDEX turns an existing unique index
				// (flagged when it was created) into a constraint: writes
				// that passed before still pass (Bytebase exempts it too).
				continue
			}
			if kind := bbCompatConstraint(con); kind != "" {
				p.Report(s, "%s constraint is added to existing table %s: writes of deployed code that violate it start failing", kind, q)
			}
		}
	}
}

// bbCompatConstraint names the constraint kinds whose addition breaks
// writes of deployed code, or returns "".
func bbCompatConstraint(con *sqlparse.Constraint) string {
	switch con.GetContype() {
	case sqlparse.CONSTR_PRIMARY:
		return "PRIMARY KEY"
	case sqlparse.CONSTR_UNIQUE:
		return "UNIQUE"
	case sqlparse.CONSTR_FOREIGN:
		return "FOREIGN KEY"
	case sqlparse.CONSTR_CHECK:
		return "CHECK"
	}
	return ""
}
