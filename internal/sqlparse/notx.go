package sqlparse

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// noTransaction reports whether PostgreSQL refuses to run the statement inside
// a transaction block ("... cannot run inside a transaction block"), judging
// from the statement alone. The list follows the PreventInTransactionBlock
// calls of PostgreSQL 16:
//
//   - CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY;
//   - REINDEX ... CONCURRENTLY, and REINDEX SCHEMA/DATABASE/SYSTEM;
//   - ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY;
//   - VACUUM (not ANALYZE alone);
//   - CLUSTER without a table name;
//   - CREATE DATABASE, DROP DATABASE, ALTER DATABASE ... SET TABLESPACE;
//   - CREATE TABLESPACE, DROP TABLESPACE;
//   - ALTER SYSTEM;
//   - DISCARD ALL;
//   - COMMIT PREPARED, ROLLBACK PREPARED;
//   - CREATE SUBSCRIPTION unless it creates no replication slot
//     (create_slot = false or connect = false);
//   - DROP SUBSCRIPTION (PostgreSQL refuses it when the subscription has a
//     replication slot, which cannot be seen from the statement, so it is
//     always reported);
//   - ALTER SUBSCRIPTION ... REFRESH PUBLICATION, and SET/ADD/DROP
//     PUBLICATION unless refresh = false.
//
// ALTER TYPE ... ADD VALUE is not listed: it runs in a transaction block since
// PostgreSQL 12; rules that care about older servers check it themselves.
// Statements that fail in a block only for some targets (CLUSTER or REINDEX
// of a partitioned table) are not listed either.
func noTransaction(n *Node) bool {
	switch s := n.GetNode().(type) {
	case *pg_query.Node_IndexStmt:
		return s.IndexStmt.GetConcurrent()
	case *pg_query.Node_DropStmt:
		return s.DropStmt.GetConcurrent()
	case *pg_query.Node_ReindexStmt:
		switch s.ReindexStmt.GetKind() {
		case pg_query.ReindexObjectType_REINDEX_OBJECT_SCHEMA,
			pg_query.ReindexObjectType_REINDEX_OBJECT_DATABASE,
			pg_query.ReindexObjectType_REINDEX_OBJECT_SYSTEM:
			return true
		}
		return option(s.ReindexStmt.GetParams(), "concurrently", false)
	case *pg_query.Node_AlterTableStmt:
		for _, c := range s.AlterTableStmt.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() == pg_query.AlterTableType_AT_DetachPartition &&
				cmd.GetDef().GetPartitionCmd().GetConcurrent() {
				return true
			}
		}
	case *pg_query.Node_VacuumStmt:
		return s.VacuumStmt.GetIsVacuumcmd()
	case *pg_query.Node_ClusterStmt:
		return s.ClusterStmt.GetRelation() == nil
	case *pg_query.Node_AlterDatabaseStmt:
		for _, o := range s.AlterDatabaseStmt.GetOptions() {
			if strings.EqualFold(o.GetDefElem().GetDefname(), "tablespace") {
				return true
			}
		}
	case *pg_query.Node_TransactionStmt:
		switch s.TransactionStmt.GetKind() {
		case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT_PREPARED,
			pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK_PREPARED:
			return true
		}
	case *pg_query.Node_DiscardStmt:
		return s.DiscardStmt.GetTarget() == pg_query.DiscardMode_DISCARD_ALL
	case *pg_query.Node_CreateSubscriptionStmt:
		opts := s.CreateSubscriptionStmt.GetOptions()
		return option(opts, "connect", true) && option(opts, "create_slot", true)
	case *pg_query.Node_AlterSubscriptionStmt:
		a := s.AlterSubscriptionStmt
		switch a.GetKind() {
		case pg_query.AlterSubscriptionType_ALTER_SUBSCRIPTION_REFRESH:
			return true
		case pg_query.AlterSubscriptionType_ALTER_SUBSCRIPTION_SET_PUBLICATION,
			pg_query.AlterSubscriptionType_ALTER_SUBSCRIPTION_ADD_PUBLICATION,
			pg_query.AlterSubscriptionType_ALTER_SUBSCRIPTION_DROP_PUBLICATION:
			return option(a.GetOptions(), "refresh", true)
		}
	case *pg_query.Node_CreatedbStmt, *pg_query.Node_DropdbStmt,
		*pg_query.Node_CreateTableSpaceStmt, *pg_query.Node_DropTableSpaceStmt,
		*pg_query.Node_AlterSystemStmt, *pg_query.Node_DropSubscriptionStmt:
		return true
	}
	return false
}

// option returns the boolean value of the option name in a list of DefElem
// nodes, or def when the list does not set it. Like PostgreSQL's
// defGetBoolean, an option without a value is true, and 0/1, true/false,
// on/off and yes/no are accepted; a value it cannot read counts as true.
func option(opts []*Node, name string, def bool) bool {
	val := def
	for _, o := range opts {
		d := o.GetDefElem()
		if d == nil || !strings.EqualFold(d.GetDefname(), name) {
			continue
		}
		val = true
		arg := d.GetArg()
		switch {
		case arg == nil:
		case arg.GetInteger() != nil:
			val = arg.GetInteger().GetIval() != 0
		case arg.GetBoolean() != nil:
			val = arg.GetBoolean().GetBoolval()
		case arg.GetString_() != nil:
			switch strings.ToLower(arg.GetString_().GetSval()) {
			case "false", "off", "no", "0", "f", "n":
				val = false
			}
		}
	}
	return val
}
