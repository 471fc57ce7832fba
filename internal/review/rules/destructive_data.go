package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// tableTruncate flags TRUNCATE of a table that was not created in the same
// file.
var tableTruncate = &review.Rule{
	ID:       "table.truncate",
	Category: review.CategoryDestructive,
	Summary:  "TRUNCATE of a table not created in the same file",
	Why:      "every row is deleted for good, under an ACCESS EXCLUSIVE lock that blocks all reads and writes meanwhile",
	Fix:      "delete the rows you mean to remove with a DELETE ... WHERE in batches, after a backup",
	Bad:      "TRUNCATE audit_log;",
	Good:     "CREATE TABLE import_scratch (id bigint);\nINSERT INTO import_scratch VALUES (1);\nTRUNCATE import_scratch;",
	Level:    diag.Error,
	Aliases:  []string{"STATEMENT_DISALLOW_TRUNCATE"},
	Nodes:    []string{"TruncateStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		t := s.Node.GetTruncateStmt()
		if t == nil {
			return
		}
		for _, r := range t.GetRelations() {
			q := txRel(p, r.GetRangeVar())
			if p.Created(q) {
				continue
			}
			p.Report(s, "TRUNCATE deletes every row of %s under an ACCESS EXCLUSIVE lock", txQName(q))
			return
		}
	},
}

// statementCascade flags DROP ... CASCADE, TRUNCATE ... CASCADE, ALTER
// TABLE ... DROP COLUMN/CONSTRAINT ... CASCADE and DROP OWNED ... CASCADE.
var statementCascade = &review.Rule{
	ID:       "statement.cascade",
	Category: review.CategoryDestructive,
	Summary:  "DROP ... CASCADE or TRUNCATE ... CASCADE",
	Why: "CASCADE silently drops (or empties) every object that depends on the named one: views, foreign keys, " +
		"and with TRUNCATE the rows of every referencing table",
	Fix:   "drop or truncate the dependent objects explicitly, by name, and leave CASCADE out",
	Bad:   "DROP TABLE order_notes CASCADE;",
	Good:  "ALTER TABLE order_events DROP CONSTRAINT order_events_note_id_fkey;\nDROP TABLE order_notes;",
	Level: diag.Error,
	Aliases: []string{
		"statement.disallow-rm-tbl-cascade",
		"STATEMENT_DISALLOW_RM_TBL_CASCADE",
	},
	Nodes: []string{"DropStmt", "TruncateStmt", "DropOwnedStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		n := s.Node
		switch {
		case n.GetDropStmt().GetBehavior() == sqlparse.DROP_CASCADE:
			p.Report(s, "%s ... CASCADE also drops every object that depends on what it names", kindWords(s.Kind))
		case n.GetTruncateStmt().GetBehavior() == sqlparse.DROP_CASCADE:
			p.Report(s, "TRUNCATE ... CASCADE also empties every table that references the named tables by foreign key")
		case n.GetDropOwnedStmt().GetBehavior() == sqlparse.DROP_CASCADE:
			p.Report(s, "DROP OWNED ... CASCADE also drops every object that depends on the dropped ones")
		case n.GetAlterTableStmt() != nil:
			for _, c := range n.GetAlterTableStmt().GetCmds() {
				cmd := c.GetAlterTableCmd()
				if cmd.GetBehavior() != sqlparse.DROP_CASCADE {
					continue
				}
				switch cmd.GetSubtype() {
				case sqlparse.AT_DropColumn:
					p.Report(s, "DROP COLUMN %s ... CASCADE also drops the views, indexes and constraints that use it", txIdent(cmd.GetName()))
					return
				case sqlparse.AT_DropConstraint:
					p.Report(s, "DROP CONSTRAINT %s ... CASCADE also drops the foreign keys that depend on it", txIdent(cmd.GetName()))
					return
				}
			}
		}
	},
}

// updateDeleteWithoutWhere flags UPDATE and DELETE without a WHERE clause,
// at the top level or in a WITH query.
var updateDeleteWithoutWhere = &review.Rule{
	ID:       "statement.update-delete-without-where",
	Category: review.CategoryDestructive,
	Summary:  "UPDATE or DELETE without WHERE",
	Why: "it changes every row of the table in one transaction: row locks on the whole table, a burst of WAL " +
		"and dead tuples, and usually a mistake",
	Fix:   "add a WHERE clause, and backfill large tables in batches (WHERE id BETWEEN ... AND ...)",
	Bad:   "UPDATE orders SET note = '';",
	Good:  "UPDATE orders SET note = '' WHERE note IS NULL AND id < 10000;",
	Level: diag.Warning,
	Aliases: []string{
		"statement.where.require.update-delete",
		"STATEMENT_WHERE_REQUIRE_UPDATE_DELETE",
	},
	Nodes: []string{"UpdateStmt", "DeleteStmt", "SelectStmt", "InsertStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if what, table := missingWhere(p, s.Node); what != "" {
			p.Report(s, "%s without WHERE changes every row of %s", what, table)
		}
	},
}

// missingWhere returns "UPDATE" or "DELETE" and the table of the first
// statement without WHERE among n and the data-modifying queries of its
// WITH clause, or "" when there is none.
func missingWhere(p *review.Pass, n *sqlparse.Node) (string, string) {
	var with []*sqlparse.Node
	switch {
	case n.GetUpdateStmt() != nil:
		u := n.GetUpdateStmt()
		if u.GetWhereClause() == nil {
			return "UPDATE", txQName(txRel(p, u.GetRelation()))
		}
		with = u.GetWithClause().GetCtes()
	case n.GetDeleteStmt() != nil:
		d := n.GetDeleteStmt()
		if d.GetWhereClause() == nil {
			return "DELETE", txQName(txRel(p, d.GetRelation()))
		}
		with = d.GetWithClause().GetCtes()
	case n.GetSelectStmt() != nil:
		with = n.GetSelectStmt().GetWithClause().GetCtes()
	case n.GetInsertStmt() != nil:
		with = n.GetInsertStmt().GetWithClause().GetCtes()
	}
	for _, c := range with {
		if what, table := missingWhere(p, c.GetCommonTableExpr().GetCtequery()); what != "" {
			return what, table
		}
	}
	return "", ""
}
