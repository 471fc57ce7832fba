package sqlparse

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Class groups statement kinds by what they change.
type Class int

// The statement classes. The zero value is Utility.
const (
	// Utility statements change neither schema nor rows: session settings
	// (SET, RESET, SHOW), maintenance (VACUUM, ANALYZE, CLUSTER, REINDEX,
	// CHECKPOINT), LOCK, DISCARD, EXPLAIN, LISTEN/NOTIFY, prepared statements
	// and cursors, ALTER SYSTEM, and DO and CALL, whose effect cannot be known
	// without running them.
	Utility Class = iota
	// DDL statements change the schema or other catalog objects: CREATE, ALTER,
	// DROP, RENAME, COMMENT, GRANT/REVOKE, SECURITY LABEL, roles, databases,
	// SELECT INTO (it creates a table).
	DDL
	// DML statements read or change rows: SELECT (and VALUES, TABLE),
	// INSERT, UPDATE, DELETE, MERGE, COPY (both directions), TRUNCATE and
	// REFRESH MATERIALIZED VIEW. SELECT counts as DML because in a migration it
	// usually runs functions with side effects (setval, backfills).
	DML
	// TxControl statements control transactions: BEGIN, START TRANSACTION,
	// COMMIT, END, ROLLBACK, ABORT, savepoints and two-phase commit.
	TxControl
)

// String returns "ddl", "dml", "transaction" or "utility".
func (c Class) String() string {
	switch c {
	case DDL:
		return "ddl"
	case DML:
		return "dml"
	case TxControl:
		return "transaction"
	}
	return "utility"
}

// classify returns the kind and class of a top-level statement. The kind is
// the statement's leading keywords in upper snake case (CREATE INDEX ->
// CREATE_INDEX), whatever the parse node: ALTER TABLE ... RENAME is
// ALTER_TABLE, DROP INDEX CONCURRENTLY is DROP_INDEX, START TRANSACTION is
// BEGIN, END is COMMIT. Statements this package does not know are "UNKNOWN".
func classify(n *Node) (string, Class) {
	if k, c, ok := classifyData(n); ok {
		return k, c
	}
	if k, c, ok := classifyUtility(n); ok {
		return k, c
	}
	if k := ddlKind(n); k != "" {
		return k, DDL
	}
	return "UNKNOWN", Utility
}

// classifyData handles DML and transaction control.
func classifyData(n *Node) (string, Class, bool) {
	switch s := n.GetNode().(type) {
	case *pg_query.Node_SelectStmt:
		if s.SelectStmt.GetIntoClause() != nil {
			return "CREATE_TABLE_AS", DDL, true
		}
		return "SELECT", DML, true
	case *pg_query.Node_InsertStmt:
		return "INSERT", DML, true
	case *pg_query.Node_UpdateStmt:
		return "UPDATE", DML, true
	case *pg_query.Node_DeleteStmt:
		return "DELETE", DML, true
	case *pg_query.Node_MergeStmt:
		return "MERGE", DML, true
	case *pg_query.Node_CopyStmt:
		return "COPY", DML, true
	case *pg_query.Node_TruncateStmt:
		return "TRUNCATE", DML, true
	case *pg_query.Node_RefreshMatViewStmt:
		return "REFRESH_MATERIALIZED_VIEW", DML, true
	case *pg_query.Node_TransactionStmt:
		return transactionKind(s.TransactionStmt.GetKind()), TxControl, true
	}
	return "", 0, false
}

// transactionKind names a transaction control statement.
func transactionKind(k pg_query.TransactionStmtKind) string {
	switch k {
	case pg_query.TransactionStmtKind_TRANS_STMT_BEGIN, pg_query.TransactionStmtKind_TRANS_STMT_START:
		return "BEGIN"
	case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT:
		return "COMMIT"
	case pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK:
		return "ROLLBACK"
	case pg_query.TransactionStmtKind_TRANS_STMT_SAVEPOINT:
		return "SAVEPOINT"
	case pg_query.TransactionStmtKind_TRANS_STMT_RELEASE:
		return "RELEASE_SAVEPOINT"
	case pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK_TO:
		return "ROLLBACK_TO_SAVEPOINT"
	case pg_query.TransactionStmtKind_TRANS_STMT_PREPARE:
		return "PREPARE_TRANSACTION"
	case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT_PREPARED:
		return "COMMIT_PREPARED"
	case pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK_PREPARED:
		return "ROLLBACK_PREPARED"
	}
	return "TRANSACTION"
}

// classifyUtility handles utility statements.
func classifyUtility(n *Node) (string, Class, bool) {
	var k string
	switch s := n.GetNode().(type) {
	case *pg_query.Node_VariableSetStmt:
		k = "SET"
		switch s.VariableSetStmt.GetKind() {
		case pg_query.VariableSetKind_VAR_RESET, pg_query.VariableSetKind_VAR_RESET_ALL:
			k = "RESET"
		}
	case *pg_query.Node_VariableShowStmt:
		k = "SHOW"
	case *pg_query.Node_ConstraintsSetStmt:
		k = "SET_CONSTRAINTS"
	case *pg_query.Node_VacuumStmt:
		k = "ANALYZE"
		if s.VacuumStmt.GetIsVacuumcmd() {
			k = "VACUUM"
		}
	case *pg_query.Node_ClusterStmt:
		k = "CLUSTER"
	case *pg_query.Node_ReindexStmt:
		k = "REINDEX"
	case *pg_query.Node_CheckPointStmt:
		k = "CHECKPOINT"
	case *pg_query.Node_DiscardStmt:
		k = "DISCARD"
	case *pg_query.Node_LockStmt:
		k = "LOCK"
	case *pg_query.Node_ExplainStmt:
		k = "EXPLAIN"
	case *pg_query.Node_DoStmt:
		k = "DO"
	case *pg_query.Node_CallStmt:
		k = "CALL"
	case *pg_query.Node_NotifyStmt:
		k = "NOTIFY"
	case *pg_query.Node_ListenStmt:
		k = "LISTEN"
	case *pg_query.Node_UnlistenStmt:
		k = "UNLISTEN"
	case *pg_query.Node_LoadStmt:
		k = "LOAD"
	case *pg_query.Node_PrepareStmt:
		k = "PREPARE"
	case *pg_query.Node_ExecuteStmt:
		k = "EXECUTE"
	case *pg_query.Node_DeallocateStmt:
		k = "DEALLOCATE"
	case *pg_query.Node_DeclareCursorStmt:
		k = "DECLARE_CURSOR"
	case *pg_query.Node_FetchStmt:
		k = "FETCH"
		if s.FetchStmt.GetIsmove() {
			k = "MOVE"
		}
	case *pg_query.Node_ClosePortalStmt:
		k = "CLOSE"
	case *pg_query.Node_AlterSystemStmt:
		k = "ALTER_SYSTEM"
	default:
		return "", 0, false
	}
	return k, Utility, true
}
