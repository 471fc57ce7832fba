package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bbDisallowCommitRule flags COMMIT (and END) statements.
var bbDisallowCommitRule = &review.Rule{
	ID:       "statement.disallow-commit",
	Aliases:  []string{"STATEMENT_DISALLOW_COMMIT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "an explicit COMMIT in a migration file (Bytebase STATEMENT_DISALLOW_COMMIT)",
	Why: "a COMMIT in the middle of a file makes the statements before it permanent even when a later one fails, " +
		"leaving the database half migrated",
	Fix:   "remove the COMMIT and let the runner decide the transaction boundaries",
	Bad:   "BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
	Good:  "ALTER TABLE orders ADD COLUMN note text;",
	Nodes: []string{"TransactionStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if s.Kind == "COMMIT" {
			p.Report(s, "%s ends the transaction in the middle of the migration", bbSummary(s))
		}
	},
}

// bbDisallowAddColumnWithDefaultRule flags ALTER TABLE ... ADD COLUMN with
// a DEFAULT, whatever the default and the server version: Bytebase's pre-11
// rule (dbcd's column.add-volatile-default knows which defaults rewrite the
// table today).
var bbDisallowAddColumnWithDefaultRule = &review.Rule{
	ID:       "statement.disallow-add-column-with-default",
	Aliases:  []string{"STATEMENT_DISALLOW_ADD_COLUMN_WITH_DEFAULT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "ALTER TABLE ... ADD COLUMN with a DEFAULT (Bytebase STATEMENT_DISALLOW_ADD_COLUMN_WITH_DEFAULT)",
	Why: "before PostgreSQL 11 any default, and since then a volatile one, rewrites the whole table " +
		"under an ACCESS EXCLUSIVE lock",
	Fix:   "add the column without a default, then ALTER COLUMN ... SET DEFAULT and backfill old rows in batches",
	Bad:   "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';",
	Good:  "ALTER TABLE orders ADD COLUMN status text;\nALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		at := s.Node.GetAlterTableStmt()
		if at == nil {
			return
		}
		for _, c := range at.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() != sqlparse.AT_AddColumn {
				continue
			}
			cd := cmd.GetDef().GetColumnDef()
			for _, k := range cd.GetConstraints() {
				if k.GetConstraint().GetContype() == sqlparse.CONSTR_DEFAULT {
					p.Report(s, "column %s is added to %s with a DEFAULT",
						bbQuote(cd.GetColname()), bbRelName(p, at.GetRelation()))
				}
			}
		}
	},
}

// bbCheckSetRoleVariableRule flags a file whose leading SET statements (those
// before the first other statement) include no SET ROLE. It is reported at
// the first statement.
var bbCheckSetRoleVariableRule = &review.Rule{
	ID:       "statement.check-set-role-variable",
	Aliases:  []string{"STATEMENT_CHECK_SET_ROLE_VARIABLE"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "a file that does not start with SET ROLE (Bytebase STATEMENT_CHECK_SET_ROLE_VARIABLE)",
	Why: "objects belong to the role that creates them: without SET ROLE they are owned by whoever runs the " +
		"migration, and other roles cannot alter them later",
	Fix:  "start the file with SET ROLE <owner role>;",
	Bad:  "CREATE TABLE orders (id bigint);",
	Good: "SET ROLE app_owner;\nCREATE TABLE orders (id bigint);",
	End: func(p *review.Pass) {
		if len(p.Stmts) == 0 {
			return
		}
		for _, s := range p.Stmts {
			vs := s.Node.GetVariableSetStmt()
			if vs == nil {
				break
			}
			if vs.GetName() == "role" && vs.GetKind() == sqlparse.VAR_SET_VALUE {
				return
			}
		}
		p.Report(p.Stmts[0], "the file does not set the role before its first statement")
	},
}

// bbNonTransactionalRule flags statements PostgreSQL refuses to run in a
// transaction block, wherever they are.
var bbNonTransactionalRule = &review.Rule{
	ID:       "statement.non-transactional",
	Aliases:  []string{"STATEMENT_NON_TRANSACTIONAL"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "a statement that cannot run in a transaction block: CREATE/DROP INDEX CONCURRENTLY, VACUUM, CREATE DATABASE... (Bytebase STATEMENT_NON_TRANSACTIONAL)",
	Why: "such a statement fails when the file runs in a transaction, and when it does not, a failure later " +
		"in the file cannot roll it back",
	Fix:  "put the statement alone in its own file marked -- dbcd:no-transaction",
	Bad:  "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);",
	Good: "CREATE TABLE orders (id bigint, customer_id bigint);\nCREATE INDEX orders_customer_idx ON orders (customer_id);",
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if s.NoTransaction {
			p.Report(s, "%s cannot run inside a transaction block", bbSummary(s))
		}
	},
}
