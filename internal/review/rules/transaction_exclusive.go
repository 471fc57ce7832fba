package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
)

// exclusiveTx follows the ACCESS EXCLUSIVE locks held in the current
// transaction of a file.
type exclusiveTx struct {
	tx   int
	held []heldExclusive
	// after is set once a statement has been reported for running after
	// the first lock.
	after bool
}

// heldExclusive is an ACCESS EXCLUSIVE lock taken earlier in the
// transaction.
type heldExclusive struct {
	rel  model.QName
	line int
}

var exclusiveState perFile[exclusiveTx]

// statementAfterAccessExclusive flags work done in a transaction after it
// took ACCESS EXCLUSIVE on an existing table (once per transaction), and
// every statement that takes ACCESS EXCLUSIVE on a further table.
var statementAfterAccessExclusive = &review.Rule{
	ID:       "transaction.statement-after-access-exclusive",
	Category: review.CategoryTransaction,
	Summary:  "more statements run in a transaction after it took ACCESS EXCLUSIVE on an existing table",
	Why: "an ACCESS EXCLUSIVE lock blocks every read and write of the table until COMMIT: every later statement " +
		"in the transaction, and every further table locked that way, lengthens the outage",
	Fix: "merge the changes into one ALTER TABLE, or move other statements to their own transaction",
	Bad: "ALTER TABLE orders ADD COLUMN note text;\nUPDATE orders SET note = '' WHERE id < 1000;",
	Good: "ALTER TABLE orders ADD COLUMN note text, ADD COLUMN tag text;\n" +
		"-- next file --\nUPDATE orders SET note = '' WHERE id < 1000;",
	Level: diag.Warning,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := exclusiveState.get(p)
		if start := txStart(p, s); start != st.tx || s.Index == 0 {
			*st = exclusiveTx{tx: start}
		}
		if trivialInTx(s) {
			return
		}
		var fresh []model.QName
		for _, l := range stmtLocks(p, s) {
			if l.Mode == LockAccessExclusive && l.Index == (model.QName{}) && p.Existing(l.Relation) && !st.holds(l.Relation) {
				fresh = append(fresh, l.Relation)
			}
		}
		switch {
		case len(st.held) > 0 && len(fresh) > 0:
			p.Report(s, "%s takes ACCESS EXCLUSIVE on %s while the transaction already holds it on %s (line %d): "+
				"both tables stay locked until COMMIT", kindWords(s.Kind), txQName(fresh[0]), txQName(st.held[0].rel), st.held[0].line)
			st.after = true
		case len(st.held) > 0 && !st.after:
			p.Report(s, "%s runs while the transaction holds ACCESS EXCLUSIVE on %s (taken on line %d): "+
				"every read and write of %s waits until COMMIT", kindWords(s.Kind), txQName(st.held[0].rel), st.held[0].line, txQName(st.held[0].rel))
			st.after = true
		}
		for _, q := range fresh {
			st.held = append(st.held, heldExclusive{rel: q, line: s.Line})
		}
	},
	End: func(p *review.Pass) { exclusiveState.done(p) },
}

// holds reports whether the transaction already holds ACCESS EXCLUSIVE on q.
func (t *exclusiveTx) holds(q model.QName) bool {
	for _, h := range t.held {
		if h.rel == q {
			return true
		}
	}
	return false
}
