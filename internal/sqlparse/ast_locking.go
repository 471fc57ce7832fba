package sqlparse

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Re-exports used by the locking rules and by review's lock table (LockOf).
// They complete the lists of ast.go; the same naming rules apply.

// ALTER TABLE subcommands whose lock is weaker than ACCESS EXCLUSIVE
// (AlterTableCmd.Subtype): the lock table of review names them explicitly.
const (
	AT_DisableTrig       = pg_query.AlterTableType_AT_DisableTrig
	AT_DisableTrigAll    = pg_query.AlterTableType_AT_DisableTrigAll
	AT_DisableTrigUser   = pg_query.AlterTableType_AT_DisableTrigUser
	AT_DropCluster       = pg_query.AlterTableType_AT_DropCluster
	AT_EnableAlwaysTrig  = pg_query.AlterTableType_AT_EnableAlwaysTrig
	AT_EnableReplicaTrig = pg_query.AlterTableType_AT_EnableReplicaTrig
	AT_EnableTrig        = pg_query.AlterTableType_AT_EnableTrig
	AT_EnableTrigAll     = pg_query.AlterTableType_AT_EnableTrigAll
	AT_EnableTrigUser    = pg_query.AlterTableType_AT_EnableTrigUser
	AT_ResetOptions      = pg_query.AlterTableType_AT_ResetOptions
	AT_ResetRelOptions   = pg_query.AlterTableType_AT_ResetRelOptions
	AT_SetOptions        = pg_query.AlterTableType_AT_SetOptions
	AT_SetRelOptions     = pg_query.AlterTableType_AT_SetRelOptions
)

// Object kinds of DROP statements that lock the table the object belongs to
// (DropStmt.RemoveType).
const (
	OBJECT_POLICY  = pg_query.ObjectType_OBJECT_POLICY
	OBJECT_RULE    = pg_query.ObjectType_OBJECT_RULE
	OBJECT_TRIGGER = pg_query.ObjectType_OBJECT_TRIGGER
)

// REINDEX targets (ReindexStmt.Kind).
const (
	REINDEX_OBJECT_DATABASE = pg_query.ReindexObjectType_REINDEX_OBJECT_DATABASE
	REINDEX_OBJECT_INDEX    = pg_query.ReindexObjectType_REINDEX_OBJECT_INDEX
	REINDEX_OBJECT_SCHEMA   = pg_query.ReindexObjectType_REINDEX_OBJECT_SCHEMA
	REINDEX_OBJECT_SYSTEM   = pg_query.ReindexObjectType_REINDEX_OBJECT_SYSTEM
	REINDEX_OBJECT_TABLE    = pg_query.ReindexObjectType_REINDEX_OBJECT_TABLE
)

// DefElemBool returns the boolean value of the option name in a list of
// DefElem nodes (the parenthesised options of VACUUM, REINDEX, CLUSTER,
// EXPLAIN), or def when the list does not set it. As in PostgreSQL, an
// option without a value is true.
func DefElemBool(opts []*Node, name string, def bool) bool {
	return option(opts, name, def)
}
