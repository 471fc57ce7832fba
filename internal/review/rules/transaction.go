package rules

import "github.com/dbcd/dbcd/internal/review"

// transactionRules are the rules of RULES.md §2.2: how statements sit in
// transactions and which session timeouts protect them. Their verdicts
// depend on the runner mode (Stmt.InTransaction, Pass.Wrapped).
func transactionRules() []*review.Rule {
	return []*review.Rule{
		disallowedInTransaction,
		transactionUnclosed,
		transactionNesting,
		requireLockTimeout,
		requireStatementTimeout,
		validateSameTransaction,
		statementAfterAccessExclusive,
		enumValueUsedBeforeCommit,
	}
}
