package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
)

// requireLockTimeout flags statements that take SHARE or a stronger lock on
// an existing relation while no non-zero lock_timeout is in effect. The
// walk tracks SET, SET LOCAL, RESET, set_config and the dbcd runner's own
// setting (Stmt.LockTimeout).
var requireLockTimeout = &review.Rule{
	ID:       "transaction.require-lock-timeout",
	Category: review.CategoryTransaction,
	Summary:  "a statement takes SHARE or a stronger lock on an existing table while no lock_timeout is set",
	Why: "a lock request waiting behind a long query queues every later query on the table behind it: " +
		"an ACCESS EXCLUSIVE request that waits a minute stops all reads and writes for that minute",
	Fix:   "SET lock_timeout = '5s' before the statement (the dbcd runner also honours -- dbcd:lock-timeout 5s) and retry on timeout",
	Bad:   "SET lock_timeout = 0;\nALTER TABLE orders ADD COLUMN note text;",
	Good:  "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;",
	Level: diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if s.LockTimeout {
			return
		}
		if l, ok := strongLock(p, s); ok {
			p.Report(s, "%s takes %s on %s while no lock_timeout is set: while it waits for the lock, "+
				"every later query on %s queues behind it", kindWords(s.Kind), l.Mode, txQName(l.Relation), txQName(l.Relation))
		}
	},
}

// requireStatementTimeout flags the same statements while no non-zero
// statement_timeout is in effect.
var requireStatementTimeout = &review.Rule{
	ID:       "transaction.require-statement-timeout",
	Category: review.CategoryTransaction,
	Summary:  "a statement takes SHARE or a stronger lock on an existing table while no statement_timeout is set",
	Why: "a statement_timeout caps how long a runaway migration (a long scan or rewrite under a strong lock) " +
		"can block the table",
	Fix:   "SET statement_timeout = '15min' before the statement (the dbcd runner also honours -- dbcd:statement-timeout 15m)",
	Bad:   "ALTER TABLE orders ADD COLUMN note text;",
	Good:  "SET statement_timeout = '15min';\nALTER TABLE orders ADD COLUMN note text;",
	Level: review.Off,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if s.StatementTimeout {
			return
		}
		if l, ok := strongLock(p, s); ok {
			p.Report(s, "%s takes %s on %s while no statement_timeout is set: nothing stops it if it runs long",
				kindWords(s.Kind), l.Mode, txQName(l.Relation))
		}
	},
}

// strongLock returns the strongest lock of SHARE or above that s takes on an
// existing relation (the first such lock among equals, which is the
// statement's target). CONCURRENTLY forms are exempt: a timeout there only
// leaves an invalid index or a pending detach behind.
func strongLock(p *review.Pass, s *review.Stmt) (Lock, bool) {
	if concurrentForm(s) {
		return Lock{}, false
	}
	var best Lock
	found := false
	for _, l := range stmtLocks(p, s) {
		if !l.AtLeast(LockShare) || !p.Existing(l.Relation) {
			continue
		}
		if !found || LockRank(l.Mode) > LockRank(best.Mode) {
			best, found = l, true
		}
	}
	return best, found
}

// concurrentForm reports CREATE/DROP INDEX CONCURRENTLY, REINDEX ...
// CONCURRENTLY and DETACH PARTITION ... CONCURRENTLY.
func concurrentForm(s *review.Stmt) bool {
	n := s.Node
	switch {
	case n.GetIndexStmt().GetConcurrent(), n.GetDropStmt().GetConcurrent():
		return true
	case n.GetReindexStmt() != nil:
		for _, o := range n.GetReindexStmt().GetParams() {
			if o.GetDefElem().GetDefname() == "concurrently" {
				return true
			}
		}
	case n.GetAlterTableStmt() != nil:
		for _, c := range n.GetAlterTableStmt().GetCmds() {
			if c.GetAlterTableCmd().GetDef().GetPartitionCmd().GetConcurrent() {
				return true
			}
		}
	}
	return false
}
