package sqlparse

import pg_query "github.com/pganalyze/pg_query_go/v5"

// Transaction statement kinds, re-exported so that the schema model can
// follow transaction blocks without importing pg_query_go.
const (
	TRANS_STMT_BEGIN    = pg_query.TransactionStmtKind_TRANS_STMT_BEGIN
	TRANS_STMT_START    = pg_query.TransactionStmtKind_TRANS_STMT_START
	TRANS_STMT_COMMIT   = pg_query.TransactionStmtKind_TRANS_STMT_COMMIT
	TRANS_STMT_ROLLBACK = pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK
	TRANS_STMT_PREPARE  = pg_query.TransactionStmtKind_TRANS_STMT_PREPARE
)
