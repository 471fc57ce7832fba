package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// columnSetNotNull flags ALTER COLUMN ... SET NOT NULL on an existing table
// unless the column is NOT NULL already or, on PostgreSQL 12+, a validated
// CHECK (col IS NOT NULL) constraint (from history or validated earlier in
// the file) lets PostgreSQL skip the scan.
var columnSetNotNull = &review.Rule{
	ID:       "column.set-not-null",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Aliases:  []string{"statement.disallow-add-not-null", "STATEMENT_DISALLOW_ADD_NOT_NULL"},
	Summary:  "ALTER COLUMN ... SET NOT NULL on an existing table without a validated CHECK (col IS NOT NULL)",
	Why: "SET NOT NULL scans the whole table while holding an ACCESS EXCLUSIVE lock that blocks reads and writes. " +
		"Since PostgreSQL 12 the scan is skipped when a validated CHECK (col IS NOT NULL) constraint already proves " +
		"it; that CHECK can be added NOT VALID and validated under a weak lock.",
	Fix: "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later transaction, then SET NOT NULL and drop the CHECK",
	Bad: "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n-- next file --\n" +
		"ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n",
	Good: "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n-- next file --\n" +
		"ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n-- next file --\n" +
		"ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n-- next file --\n" +
		"ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n" +
		"ALTER TABLE users DROP CONSTRAINT users_email_not_null;\n",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		lkAlter(p, s, func(q model.QName, rel *model.Relation, cmd *sqlparse.AlterTableCmd) {
			if cmd.GetSubtype() != sqlparse.AT_SetNotNull || notNullKnown(rel, cmd.GetName(), p.PGVersion) {
				return
			}
			col := lkIdent(cmd.GetName())
			if p.PGVersion < 12 {
				p.ReportHelp(s, "before PostgreSQL 12 no constraint lets SET NOT NULL skip the scan: run it in a "+
					"maintenance window, or keep a validated CHECK (col IS NOT NULL) instead",
					"SET NOT NULL on column %s of existing table %s scans the whole table under an ACCESS EXCLUSIVE lock", col, lkName(q))
				return
			}
			p.Report(s, "SET NOT NULL on column %s of existing table %s scans the whole table under an ACCESS EXCLUSIVE "+
				"lock: no validated CHECK (%s IS NOT NULL) proves it", col, lkName(q), col)
		})
	},
}
