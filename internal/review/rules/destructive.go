package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// destructiveRules are the rules of RULES.md §2.3: statements that lose
// data or drop objects deployed code still uses.
func destructiveRules() []*review.Rule {
	return []*review.Rule{
		tableDrop,
		columnDrop,
		schemaDrop,
		databaseDrop,
		tableTruncate,
		statementCascade,
		updateDeleteWithoutWhere,
	}
}

// tableDrop flags DROP TABLE of a table that was not created earlier in the
// same file.
var tableDrop = &review.Rule{
	ID:       "table.drop",
	Category: review.CategoryDestructive,
	Summary:  "DROP TABLE of a table not created in the same file",
	Why: "the table's rows are lost for good, deployed code that still uses the table fails, and the drop takes " +
		"ACCESS EXCLUSIVE on the tables its foreign keys reference",
	Fix:   "rename the table away first (ALTER TABLE t RENAME TO t_del) and drop it in a later release",
	Bad:   "DROP TABLE order_notes;",
	Good:  "CREATE TABLE import_scratch (id bigint);\nDROP TABLE import_scratch;",
	Level: diag.Error,
	Nodes: []string{"DropStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		d := s.Node.GetDropStmt()
		if d == nil || d.GetRemoveType() != sqlparse.OBJECT_TABLE {
			return
		}
		for _, o := range d.GetObjects() {
			q, ok := qualifiedName(p, objectParts(o))
			if !ok || p.Created(q) {
				continue
			}
			p.Report(s, "DROP TABLE %s deletes the table and all its rows; deployed code still using it fails", txQName(q))
			return
		}
	},
}

// columnDrop flags ALTER TABLE ... DROP COLUMN on a table not created in
// the same file, unless the column was added earlier in the file.
var columnDrop = &review.Rule{
	ID:       "column.drop",
	Category: review.CategoryDestructive,
	Summary:  "ALTER TABLE ... DROP COLUMN on an existing table",
	Why: "the column's data is lost for good, and deployed code that still selects or inserts the column fails " +
		"as soon as the migration runs",
	Fix:   "stop using the column in the application first, deploy, then drop it in a later migration",
	Bad:   "ALTER TABLE orders DROP COLUMN legacy_code;",
	Good:  "ALTER TABLE orders ADD COLUMN tmp_flag boolean;\nALTER TABLE orders DROP COLUMN tmp_flag;",
	Level: diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		at := s.Node.GetAlterTableStmt()
		if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
			return
		}
		q := txRel(p, at.GetRelation())
		if p.Created(q) {
			return
		}
		for _, c := range at.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() != sqlparse.AT_DropColumn {
				continue
			}
			col := cmd.GetName()
			if rel := p.Schema.Relation(q); rel != nil && rel.Column(col) == nil && cmd.GetMissingOk() {
				continue // DROP COLUMN IF EXISTS of a column that is not there
			}
			if columnAddedInFile(p, s, q, col) {
				continue
			}
			p.Report(s, "drops column %s of %s: its data is lost and deployed code still using it fails", txIdent(col), txQName(q))
			return
		}
	},
}

// columnAddedInFile reports whether an ALTER TABLE ... ADD COLUMN earlier in
// the file added the column to q (deployed code cannot know it yet).
func columnAddedInFile(p *review.Pass, s *review.Stmt, q model.QName, col string) bool {
	for _, e := range p.Stmts[:s.Index] {
		at := e.Node.GetAlterTableStmt()
		if at == nil || txRel(p, at.GetRelation()) != q {
			continue
		}
		for _, c := range at.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() == sqlparse.AT_AddColumn && cmd.GetDef().GetColumnDef().GetColname() == col {
				return true
			}
		}
	}
	return false
}

// schemaCreatedInFile reports whether CREATE SCHEMA name ran earlier in the
// file.
//
// It follows renames back: after CREATE SCHEMA a; ALTER SCHEMA a RENAME TO
// b, the schema b was created in the file and a no longer names it; a DROP
// SCHEMA of the name before the statement ends the search (the name was not
// recreated in the file afterwards).
func schemaCreatedInFile(p *review.Pass, s *review.Stmt, name string) bool {
	for i := s.Index - 1; i >= 0; i-- {
		n := p.Stmts[i].Node
		if cs := n.GetCreateSchemaStmt(); cs != nil && cs.GetSchemaname() == name {
			return true
		}
		if r := n.GetRenameStmt(); r != nil && r.GetRenameType() == sqlparse.OBJECT_SCHEMA {
			switch name {
			case r.GetNewname():
				name = r.GetSubname()
				continue
			case r.GetSubname():
				return false // renamed away: the name is not the created schema
			}
		}
		if d := n.GetDropStmt(); d != nil && d.GetRemoveType() == sqlparse.OBJECT_SCHEMA {
			for _, o := range d.GetObjects() {
				if sqlparse.StringValue(o) == name {
					return false
				}
			}
		}
	}
	return false
}

// schemaDrop flags DROP SCHEMA, except of a schema created earlier in the
// same file.
var schemaDrop = &review.Rule{
	ID:       "schema.drop",
	Category: review.CategoryDestructive,
	Summary:  "DROP SCHEMA",
	Why:      "with CASCADE it drops every table, view and function inside; without, it fails as soon as anything is left in it",
	Fix:      "drop the schema's objects one by one in reviewed migrations, then the empty schema in an ops runbook",
	Bad:      "DROP SCHEMA reporting CASCADE;",
	Good:     "CREATE SCHEMA import_scratch;\nDROP SCHEMA import_scratch;",
	Level:    diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		d := s.Node.GetDropStmt()
		if d == nil || d.GetRemoveType() != sqlparse.OBJECT_SCHEMA {
			return
		}
		for _, o := range d.GetObjects() {
			name := sqlparse.StringValue(o)
			if name == "" || schemaCreatedInFile(p, s, name) {
				continue
			}
			p.Report(s, "DROP SCHEMA %s removes the schema and, with CASCADE, everything in it", txIdent(name))
			return
		}
	},
}

// databaseDrop flags DROP DATABASE.
var databaseDrop = &review.Rule{
	ID:       "database.drop",
	Category: review.CategoryDestructive,
	Summary:  "DROP DATABASE",
	Why:      "it irreversibly deletes a whole database; that belongs in an ops runbook, not in a migration",
	Fix:      "remove the statement and drop the database by hand after a backup",
	Bad:      "-- dbcd:no-transaction\nDROP DATABASE analytics_old;",
	Good:     "-- dbcd:no-transaction\nCREATE DATABASE analytics;",
	Level:    diag.Error,
	Nodes:    []string{"DropdbStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if d := s.Node.GetDropdbStmt(); d != nil {
			p.Report(s, "DROP DATABASE %s deletes the whole database", txIdent(d.GetDbname()))
		}
	},
}
