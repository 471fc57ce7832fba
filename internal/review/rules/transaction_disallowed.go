package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// disallowedInTransaction flags statements PostgreSQL refuses to run inside
// a transaction block when they are inside one: in an explicit BEGIN ...
// COMMIT block, or anywhere in a file the runner wraps in one transaction.
// The parser knows the statements (Statement.NoTransaction); ALTER TYPE ...
// ADD VALUE joins them for servers before PostgreSQL 12.
var disallowedInTransaction = &review.Rule{
	ID:       "transaction.disallowed-in-transaction",
	Category: review.CategoryTransaction,
	Summary:  "a statement that cannot run inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...) runs inside one",
	Why: "PostgreSQL rejects it with \"cannot run inside a transaction block\": the migration fails at run time, " +
		"and with a wrapping runner everything before it in the file is rolled back",
	Fix:   "move the statement out of the BEGIN ... COMMIT block, into its own file marked -- dbcd:no-transaction",
	Bad:   "BEGIN;\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\nCOMMIT;",
	Good:  "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);",
	Level: diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if !s.InTransaction {
			return
		}
		what, ok := nonTransactional(p, s)
		if !ok {
			return
		}
		if p.Wrapped {
			p.Report(s, "%s cannot run inside a transaction block, and the %s runner runs this file in one transaction", what, p.Runner)
			return
		}
		opener := p.Stmts[txStart(p, s)]
		p.Report(s, "%s cannot run inside a transaction block, and it follows the %s on line %d", what, txOpenerWords(opener), opener.Line)
	},
}

// txOpenerWords names the statement that opened a transaction block.
func txOpenerWords(s *review.Stmt) string {
	if s.Kind == "BEGIN" {
		return "BEGIN"
	}
	return kindWords(s.Kind) + " AND CHAIN"
}

// nonTransactional reports whether the statement cannot run inside a
// transaction block on the target server, and names it.
func nonTransactional(p *review.Pass, s *review.Stmt) (string, bool) {
	n := s.Node
	if !s.NoTransaction {
		// Before PostgreSQL 12, ADD VALUE is refused in a block unless the
		// type was created in the same transaction.
		if ae := n.GetAlterEnumStmt(); ae != nil && ae.GetOldVal() == "" && p.PGVersion < 12 &&
			!enumCreatedInTx(p, s, ae.GetTypeName()) {
			return "ALTER TYPE ... ADD VALUE (before PostgreSQL 12)", true
		}
		return "", false
	}
	switch {
	case n.GetIndexStmt().GetConcurrent():
		return "CREATE INDEX CONCURRENTLY", true
	case n.GetDropStmt().GetConcurrent():
		return "DROP INDEX CONCURRENTLY", true
	case n.GetReindexStmt() != nil:
		return "REINDEX " + reindexTarget(s), true
	case n.GetAlterTableStmt() != nil:
		return "DETACH PARTITION ... CONCURRENTLY", true
	case n.GetVacuumStmt() != nil:
		return "VACUUM", true
	case n.GetClusterStmt() != nil:
		return "CLUSTER without a table", true
	}
	return kindWords(s.Kind), true
}

// reindexTarget names what a non-transactional REINDEX rebuilds.
func reindexTarget(s *review.Stmt) string {
	for _, o := range s.Node.GetReindexStmt().GetParams() {
		if d := o.GetDefElem(); d != nil && d.GetDefname() == "concurrently" {
			return "... CONCURRENTLY"
		}
	}
	return "of a whole schema, database or system"
}

// enumCreatedInTx reports whether the enum type named by parts was created
// earlier in the transaction of s.
func enumCreatedInTx(p *review.Pass, s *review.Stmt, parts []*sqlparse.Node) bool {
	q, ok := typeQName(p, sqlparse.NameList(parts))
	if !ok {
		return false
	}
	for i := txStart(p, s); i < s.Index; i++ {
		ce := p.Stmts[i].Node.GetCreateEnumStmt()
		if ce == nil {
			continue
		}
		if c, ok := typeQName(p, sqlparse.NameList(ce.GetTypeName())); ok && c == q {
			return true
		}
	}
	return false
}
