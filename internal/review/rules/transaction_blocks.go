package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// endsTransaction reports COMMIT, END, ROLLBACK, ABORT and PREPARE
// TRANSACTION, which end the current transaction block (unless AND CHAIN
// opens the next one at once).
func endsTransaction(s *review.Stmt) bool {
	switch s.Kind {
	case "COMMIT", "ROLLBACK", "PREPARE_TRANSACTION":
		return !s.Node.GetTransactionStmt().GetChain()
	}
	return false
}

// transactionUnclosed flags a BEGIN whose transaction block is still open at
// the end of the file.
var transactionUnclosed = &review.Rule{
	ID:       "transaction.unclosed",
	Category: review.CategoryTransaction,
	Summary:  "BEGIN or START TRANSACTION without a matching COMMIT, END or ROLLBACK before the end of the file",
	Why: "when the file ends the session closes and PostgreSQL rolls the open transaction back, " +
		"although every statement reported success",
	Fix:   "end the transaction block with COMMIT before the end of the file",
	Bad:   "BEGIN;\nALTER TABLE orders ADD COLUMN note text;",
	Good:  "BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
	Level: diag.Error,
	End: func(p *review.Pass) {
		var open *review.Stmt
		for _, s := range p.Stmts {
			switch {
			case s.Kind == "BEGIN" && open == nil:
				open = s
			case endsTransaction(s):
				open = nil
			}
		}
		if open != nil && !p.Wrapped {
			p.Report(open, "the transaction begun here is never committed: it is rolled back when the file ends")
		}
	},
}

// transactionNesting flags transaction control that does not do what it
// says: BEGIN inside an open block, COMMIT or ROLLBACK with no block open,
// savepoints outside a block, and any transaction control in a file the
// runner wraps in one transaction.
var transactionNesting = &review.Rule{
	ID:       "transaction.nesting",
	Category: review.CategoryTransaction,
	Summary:  "BEGIN while a transaction block is open, or COMMIT/ROLLBACK/savepoints with none open",
	Why: "PostgreSQL only warns (or, for savepoints, fails): the transaction boundaries the author wrote " +
		"are not the real ones, so statements meant to be atomic are not",
	Fix:   "keep one BEGIN ... COMMIT pair per block, or remove the stray statement",
	Bad:   "BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nBEGIN;\nALTER TABLE orders ADD COLUMN tag text;\nCOMMIT;",
	Good:  "BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN tag text;\nCOMMIT;",
	Level: diag.Warning,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if s.Class != sqlparse.TxControl {
			return
		}
		if p.Wrapped {
			// dbcd's runner does not wrap files with transaction control;
			// this guards other wrapping runners.
			p.Report(s, "%s in a file the %s runner already runs in one transaction", kindWords(s.Kind), p.Runner)
			return
		}
		switch s.Kind {
		case "BEGIN":
			if s.InTransaction {
				p.Report(s, "BEGIN inside the transaction block begun on line %d: PostgreSQL ignores it with a warning, "+
					"and the first COMMIT ends both", p.Stmts[txStart(p, s)].Line)
			}
		case "COMMIT", "ROLLBACK", "PREPARE_TRANSACTION":
			if !s.InTransaction {
				p.Report(s, "%s with no transaction block open: PostgreSQL ignores it with a warning", kindWords(s.Kind))
			}
		case "SAVEPOINT", "RELEASE_SAVEPOINT", "ROLLBACK_TO_SAVEPOINT":
			if !s.InTransaction {
				p.Report(s, "%s outside a transaction block fails", kindWords(s.Kind))
			}
		}
	},
}
