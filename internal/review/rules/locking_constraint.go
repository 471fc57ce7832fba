package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// forConstraint calls fn for each constraint an ALTER TABLE on an existing
// table adds: ADD CONSTRAINT (inline is false) and the inline constraints
// of ADD COLUMN (inline is true, column names the new column).
func forConstraint(p *review.Pass, s *review.Stmt, fn func(q model.QName, rel *model.Relation, con *sqlparse.Constraint, column string)) {
	lkAlter(p, s, func(q model.QName, rel *model.Relation, cmd *sqlparse.AlterTableCmd) {
		switch cmd.GetSubtype() {
		case sqlparse.AT_AddConstraint:
			if con := cmd.GetDef().GetConstraint(); con != nil {
				fn(q, rel, con, "")
			}
		case sqlparse.AT_AddColumn:
			cd := cmd.GetDef().GetColumnDef()
			for _, con := range lkColumnConstraints(cd) {
				fn(q, rel, con, cd.GetColname())
			}
		}
	})
}

// lkConName spells a constraint for messages: its name, or its kind on the
// new column for an unnamed inline one.
func lkConName(con *sqlparse.Constraint, kind, column string) string {
	switch {
	case con.GetConname() != "" && column != "":
		return kind + " constraint " + lkIdent(con.GetConname()) + " on new column " + lkIdent(column)
	case con.GetConname() != "":
		return kind + " constraint " + lkIdent(con.GetConname())
	case column != "":
		return "inline " + kind + " on new column " + lkIdent(column)
	}
	return kind + " constraint"
}

// lkKeyColumns spells the key columns of a constraint: "(a, b)".
func lkKeyColumns(keys []*sqlparse.Node) string {
	names := sqlparse.NameList(keys)
	for i, n := range names {
		names[i] = lkIdent(n)
	}
	return "(" + strings.Join(names, ", ") + ")"
}

// constraintCheckRequireNotValid flags a CHECK constraint added to an
// existing table without NOT VALID (inline CHECKs of ADD COLUMN included:
// they cannot be NOT VALID).
var constraintCheckRequireNotValid = &review.Rule{
	ID:       "constraint.check-require-not-valid",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Aliases:  []string{"statement.add-check-not-valid", "STATEMENT_ADD_CHECK_NOT_VALID"},
	Summary:  "ADD CONSTRAINT ... CHECK on an existing table without NOT VALID",
	Why: "Adding a CHECK constraint scans the whole table to validate it while holding an ACCESS EXCLUSIVE lock " +
		"that blocks reads and writes. Added NOT VALID it only checks new rows; a later VALIDATE CONSTRAINT scans " +
		"under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on.",
	Fix: "add the constraint with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT in a later transaction",
	Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric);\n-- next file --\n" +
		"ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0);\n",
	Good: "CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric);\n-- next file --\n" +
		"ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0) NOT VALID;\n",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		forConstraint(p, s, func(q model.QName, _ *model.Relation, con *sqlparse.Constraint, column string) {
			if con.GetContype() != sqlparse.CONSTR_CHECK || con.GetSkipValidation() {
				return
			}
			if column != "" {
				p.ReportHelp(s, "add the column first, then ADD CONSTRAINT ... CHECK (...) NOT VALID and VALIDATE it in a later transaction",
					"%s of existing table %s scans the whole table under an ACCESS EXCLUSIVE lock (an inline CHECK cannot be NOT VALID)",
					lkConName(con, "CHECK", column), lkName(q))
				return
			}
			p.Report(s, "%s added to existing table %s without NOT VALID scans the whole table under an ACCESS EXCLUSIVE lock",
				lkConName(con, "CHECK", column), lkName(q))
		})
	},
}

// constraintFKRequireNotValid flags a FOREIGN KEY added to an existing
// table without NOT VALID, inline REFERENCES of ADD COLUMN included.
var constraintFKRequireNotValid = &review.Rule{
	ID:       "constraint.fk-require-not-valid",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Aliases:  []string{"statement.add-foreign-key-not-valid", "STATEMENT_ADD_FOREIGN_KEY_NOT_VALID"},
	Summary:  "ADD FOREIGN KEY (or ADD COLUMN ... REFERENCES) on an existing table without NOT VALID",
	Why: "Adding a foreign key validates every row while holding SHARE ROW EXCLUSIVE locks on both the table and " +
		"the referenced table: writes to both stop for the whole scan. Added NOT VALID it only checks new rows; a " +
		"later VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE, which lets writes go on.",
	Fix: "add the foreign key with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT in a later transaction",
	Bad: "CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" +
		"-- next file --\n" +
		"ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n",
	Good: "CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" +
		"-- next file --\n" +
		"ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		forConstraint(p, s, func(q model.QName, rel *model.Relation, con *sqlparse.Constraint, column string) {
			if con.GetContype() != sqlparse.CONSTR_FOREIGN || con.GetSkipValidation() {
				return
			}
			ref := lkName(lkRel(p, con.GetPktable()))
			if column != "" {
				p.ReportHelp(s, "add the column first, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID and VALIDATE it in a later transaction",
					"%s of existing table %s validates the table while holding SHARE ROW EXCLUSIVE on it and on %s: "+
						"writes to both wait (inline REFERENCES cannot be NOT VALID)", lkConName(con, "REFERENCES", column), lkName(q), ref)
				return
			}
			const msg = "foreign key %s added to existing table %s without NOT VALID scans it while holding SHARE ROW EXCLUSIVE " +
				"on it and on %s: writes to both wait"
			if lkPartitioned(rel) && p.PGVersion < 18 {
				p.ReportHelp(s, "NOT VALID foreign keys on partitioned tables need PostgreSQL 18: add the foreign key NOT VALID "+
					"to each partition and VALIDATE it, then add it to the parent, which adopts the validated ones",
					msg, lkFKName(con), lkName(q), ref)
				return
			}
			p.Report(s, msg, lkFKName(con), lkName(q), ref)
		})
	},
}

// lkFKName spells a foreign key: its name, or its columns.
func lkFKName(con *sqlparse.Constraint) string {
	if con.GetConname() != "" {
		return lkIdent(con.GetConname())
	}
	return lkKeyColumns(con.GetFkAttrs())
}

// constraintUniqueRequireIndex flags ADD UNIQUE (and inline UNIQUE of ADD
// COLUMN) on an existing table without USING INDEX.
var constraintUniqueRequireIndex = &review.Rule{
	ID:       "constraint.unique-require-index",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Summary:  "ADD UNIQUE on an existing table without USING INDEX",
	Why: "Adding a UNIQUE constraint builds its index while holding an ACCESS EXCLUSIVE lock that blocks reads and " +
		"writes for the whole build (and fails late on duplicates). Building the unique index concurrently first and " +
		"adopting it with USING INDEX needs the strong lock only for an instant.",
	Fix: "CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX",
	Bad: "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n-- next file --\n" +
		"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n",
	Good: "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n-- next file --\n" +
		"-- dbcd:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n-- next file --\n" +
		"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		forConstraint(p, s, func(q model.QName, rel *model.Relation, con *sqlparse.Constraint, column string) {
			if con.GetContype() != sqlparse.CONSTR_UNIQUE || con.GetIndexname() != "" {
				return
			}
			what := lkConName(con, "UNIQUE", column)
			if con.GetConname() == "" && column == "" {
				what = "UNIQUE " + lkKeyColumns(con.GetKeys())
			}
			p.ReportHelp(s, lkPartitionedKeyHelp(rel), "%s added to existing table %s builds its index under an ACCESS EXCLUSIVE lock: "+
				"reads and writes wait for the whole build", what, lkName(q))
		})
	},
}

// constraintPrimaryKeyRequireIndex flags ADD PRIMARY KEY (and inline
// PRIMARY KEY of ADD COLUMN) on an existing table without USING INDEX, and
// ADD PRIMARY KEY USING INDEX over columns that may hold NULLs.
var constraintPrimaryKeyRequireIndex = &review.Rule{
	ID:       "constraint.primary-key-require-index",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Summary:  "ADD PRIMARY KEY without USING INDEX, or over nullable columns",
	Why: "Adding a primary key builds its index under an ACCESS EXCLUSIVE lock that blocks reads and writes for the " +
		"whole build. With USING INDEX the index is built concurrently beforehand, but columns that may hold NULLs " +
		"are still set NOT NULL with a full scan under the same lock, unless they are NOT NULL already or a " +
		"validated CHECK (col IS NOT NULL) proves it (PostgreSQL 12+).",
	Fix: "make the columns NOT NULL safely, CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX",
	Bad: "CREATE TABLE events (id bigint NOT NULL, payload jsonb);\n-- next file --\n" +
		"ALTER TABLE events ADD PRIMARY KEY (id);\n",
	Good: "CREATE TABLE events (id bigint NOT NULL, payload jsonb);\n-- next file --\n" +
		"-- dbcd:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);\n-- next file --\n" +
		"ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;\n",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		forConstraint(p, s, func(q model.QName, rel *model.Relation, con *sqlparse.Constraint, column string) {
			if con.GetContype() != sqlparse.CONSTR_PRIMARY {
				return
			}
			if con.GetIndexname() == "" {
				p.ReportHelp(s, lkPartitionedKeyHelp(rel), "primary key added to existing table %s builds its index under an ACCESS EXCLUSIVE lock: "+
					"reads and writes wait for the whole build", lkName(q))
				return
			}
			if cols := nullableIndexColumns(p.Schema, rel, con, p.PGVersion); len(cols) > 0 {
				for i, c := range cols {
					cols[i] = lkIdent(c)
				}
				p.ReportHelp(s, "before adopting the index, add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, and SET NOT NULL (PostgreSQL 12+ then skips the scan)",
					"primary key USING INDEX %s on existing table %s sets nullable column(s) %s NOT NULL, which scans the "+
						"whole table under an ACCESS EXCLUSIVE lock", lkIdent(con.GetIndexname()), lkName(q), strings.Join(cols, ", "))
			}
		})
	},
}

// constraintExclusion flags ADD ... EXCLUDE on an existing table.
var constraintExclusion = &review.Rule{
	ID:       "constraint.exclusion",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Summary:  "ADD CONSTRAINT ... EXCLUDE on an existing table",
	Why: "Adding an exclusion constraint builds its index and checks every row under an ACCESS EXCLUSIVE lock that " +
		"blocks reads and writes, and there is no online alternative (USING INDEX does not accept exclusion indexes).",
	Fix: "enforce the rule with a trigger or in the application, or add the constraint in a maintenance window",
	Bad: "CREATE EXTENSION IF NOT EXISTS btree_gist;\nCREATE TABLE bookings (room int, during tstzrange);\n-- next file --\n" +
		"ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);\n",
	Good: "CREATE EXTENSION IF NOT EXISTS btree_gist;\nCREATE TABLE bookings (room int, during tstzrange);\n" +
		"ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);\n",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		forConstraint(p, s, func(q model.QName, _ *model.Relation, con *sqlparse.Constraint, _ string) {
			if con.GetContype() != sqlparse.CONSTR_EXCLUSION {
				return
			}
			name := ""
			if con.GetConname() != "" {
				name = " " + lkIdent(con.GetConname())
			}
			p.Report(s, "exclusion constraint%s added to existing table %s builds its index and checks every row under "+
				"an ACCESS EXCLUSIVE lock: reads and writes wait", name, lkName(q))
		})
	},
}

// lkPartitioned reports whether rel is a partitioned table.
func lkPartitioned(rel *model.Relation) bool {
	return rel != nil && rel.Kind == model.KindPartitioned
}

// lkPartitionedKeyHelp returns the help for a UNIQUE or PRIMARY KEY added
// to a partitioned table, where USING INDEX is not supported; "" (the
// rule's Fix) for other tables.
func lkPartitionedKeyHelp(rel *model.Relation) string {
	if !lkPartitioned(rel) {
		return ""
	}
	return "USING INDEX is not supported on partitioned tables: build a unique index instead with CREATE UNIQUE INDEX " +
		"... ON ONLY the parent, CREATE UNIQUE INDEX CONCURRENTLY on each partition, and ALTER INDEX ... ATTACH PARTITION"
}
