package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// alterTable computes the locks of ALTER TABLE (and ALTER INDEX / VIEW /
// MATERIALIZED VIEW / FOREIGN TABLE / SEQUENCE): the strongest lock of its
// subcommands on the target, passed on to the partitions of a partitioned
// table unless ONLY, and the locks some subcommands take on other tables.
func (ls *lockSet) alterTable(a *sqlparse.AlterTableStmt) {
	q := ls.rel(a.GetRelation())
	if a.GetObjtype() == sqlparse.OBJECT_INDEX {
		l := Lock{Relation: ls.indexTable(q), Index: q, Mode: LockAccessShare}
		for _, c := range a.GetCmds() {
			cmd := c.GetAlterTableCmd()
			l.Mode = stronger(l.Mode, alterCmdMode(cmd))
			l.Rewrite = l.Rewrite || cmd.GetSubtype() == sqlparse.AT_SetTableSpace
		}
		ls.add(l)
		return
	}
	rel := ls.schema.Relation(q)
	target := Lock{Relation: q, Mode: LockAccessShare}
	part := Lock{} // what the partitions get: ATTACH and DETACH do not recurse
	others := &lockSet{schema: ls.schema, pg: ls.pg}
	for _, c := range a.GetCmds() {
		cmd := c.GetAlterTableCmd()
		mode := alterCmdMode(cmd)
		if cmd.GetSubtype() == sqlparse.AT_AttachPartition && ls.pg < 12 {
			mode = LockAccessExclusive
		}
		rewrite, scan := ls.alterCmdEffect(rel, cmd)
		target.Mode = stronger(target.Mode, mode)
		target.Rewrite, target.Scan = target.Rewrite || rewrite, target.Scan || scan
		if st := cmd.GetSubtype(); st != sqlparse.AT_AttachPartition && st != sqlparse.AT_DetachPartition {
			part.Mode = stronger(part.Mode, mode)
			part.Rewrite, part.Scan = part.Rewrite || rewrite, part.Scan || scan
		}
		others.alterCmdOthers(q, rel, cmd)
	}
	ls.add(target)
	if part.Mode != "" && a.GetRelation().GetInh() && rel != nil && rel.Kind == model.KindPartitioned {
		ls.partitions(q, part, map[model.QName]bool{q: true})
	}
	for _, l := range others.locks {
		ls.add(l)
	}
}

// stronger returns the stronger of two lock modes.
func stronger(a, b string) string {
	if LockRank(b) > LockRank(a) {
		return b
	}
	return a
}

// alterCmdMode returns the lock an ALTER TABLE subcommand takes on its
// target, after PostgreSQL's AlterTableGetLockLevel.
func alterCmdMode(cmd *sqlparse.AlterTableCmd) string {
	switch cmd.GetSubtype() {
	case sqlparse.AT_EnableTrig, sqlparse.AT_EnableAlwaysTrig, sqlparse.AT_EnableReplicaTrig,
		sqlparse.AT_EnableTrigAll, sqlparse.AT_EnableTrigUser, sqlparse.AT_DisableTrig,
		sqlparse.AT_DisableTrigAll, sqlparse.AT_DisableTrigUser:
		return LockShareRowExclusive
	case sqlparse.AT_SetStatistics, sqlparse.AT_ClusterOn, sqlparse.AT_DropCluster,
		sqlparse.AT_SetOptions, sqlparse.AT_ResetOptions, sqlparse.AT_ValidateConstraint,
		sqlparse.AT_AttachPartition, sqlparse.AT_DetachPartitionFinalize:
		return LockShareUpdateExclusive
	case sqlparse.AT_SetRelOptions, sqlparse.AT_ResetRelOptions:
		return relOptionsMode(cmd.GetDef().GetList().GetItems())
	case sqlparse.AT_DetachPartition:
		if cmd.GetDef().GetPartitionCmd().GetConcurrent() {
			return LockShareUpdateExclusive
		}
	case sqlparse.AT_AddConstraint:
		if cmd.GetDef().GetConstraint().GetContype() == sqlparse.CONSTR_FOREIGN {
			return LockShareRowExclusive
		}
	}
	return LockAccessExclusive
}

// relOptionsMode returns the lock of SET / RESET (storage parameters):
// SHARE UPDATE EXCLUSIVE for the maintenance and planner parameters,
// ACCESS EXCLUSIVE for the few that change query results.
func relOptionsMode(opts []*sqlparse.Node) string {
	for _, o := range opts {
		switch strings.ToLower(o.GetDefElem().GetDefname()) {
		case "user_catalog_table", "security_barrier", "security_invoker", "check_option", "buffering":
			return LockAccessExclusive
		}
	}
	return LockShareUpdateExclusive
}

// alterCmdEffect reports whether a subcommand rewrites its target or scans
// it under the lock.
func (ls *lockSet) alterCmdEffect(rel *model.Relation, cmd *sqlparse.AlterTableCmd) (rewrite, scan bool) {
	switch cmd.GetSubtype() {
	case sqlparse.AT_AddColumn:
		cd := cmd.GetDef().GetColumnDef()
		if c, _ := columnRewriteCause(ls.schema, cd, ls.pg); c != causeNone {
			rewrite = true
		}
		for _, con := range cd.GetConstraints() {
			switch con.GetConstraint().GetContype() {
			case sqlparse.CONSTR_CHECK, sqlparse.CONSTR_FOREIGN, sqlparse.CONSTR_UNIQUE, sqlparse.CONSTR_PRIMARY:
				scan = true
			}
		}
	case sqlparse.AT_AlterColumnType:
		rewrite = !typeChangeSafe(ls.schema, rel, cmd).safe
	case sqlparse.AT_SetNotNull:
		if rel == nil || !notNullKnown(rel, cmd.GetName(), ls.pg) {
			scan = true
		}
	case sqlparse.AT_AddConstraint:
		con := cmd.GetDef().GetConstraint()
		switch con.GetContype() {
		case sqlparse.CONSTR_CHECK, sqlparse.CONSTR_FOREIGN:
			scan = !con.GetSkipValidation()
		case sqlparse.CONSTR_UNIQUE, sqlparse.CONSTR_EXCLUSION:
			scan = con.GetIndexname() == ""
		case sqlparse.CONSTR_PRIMARY:
			scan = con.GetIndexname() == "" || len(nullableIndexColumns(ls.schema, rel, con, ls.pg)) > 0
		}
	case sqlparse.AT_ValidateConstraint:
		scan = true
	case sqlparse.AT_SetLogged, sqlparse.AT_SetUnLogged, sqlparse.AT_SetTableSpace, sqlparse.AT_SetAccessMethod:
		rewrite = true
	}
	return rewrite, scan
}

// alterCmdOthers records the locks a subcommand takes on relations other
// than its target.
func (ls *lockSet) alterCmdOthers(q model.QName, rel *model.Relation, cmd *sqlparse.AlterTableCmd) {
	fkRef := func(con *sqlparse.Constraint) {
		if con.GetContype() == sqlparse.CONSTR_FOREIGN {
			if ref := ls.rel(con.GetPktable()); ref != q {
				ls.add(Lock{Relation: ref, Mode: LockShareRowExclusive})
			}
		}
	}
	switch cmd.GetSubtype() {
	case sqlparse.AT_AddColumn:
		for _, con := range cmd.GetDef().GetColumnDef().GetConstraints() {
			fkRef(con.GetConstraint())
		}
	case sqlparse.AT_AddConstraint:
		fkRef(cmd.GetDef().GetConstraint())
	case sqlparse.AT_DropConstraint, sqlparse.AT_ValidateConstraint:
		if rel == nil {
			return
		}
		con := rel.Constraint(cmd.GetName())
		if con == nil || con.Type != model.ConForeign || con.RefTable == nil || *con.RefTable == q {
			return
		}
		mode := LockAccessExclusive
		if cmd.GetSubtype() == sqlparse.AT_ValidateConstraint {
			mode = LockRowShare
		}
		ls.add(Lock{Relation: *con.RefTable, Mode: mode})
	case sqlparse.AT_AttachPartition:
		pc := cmd.GetDef().GetPartitionCmd()
		ls.add(Lock{Relation: ls.rel(pc.GetName()), Mode: LockAccessExclusive, Scan: true})
		if !pc.GetBound().GetIsDefault() {
			ls.defaultPartition(q)
		}
	case sqlparse.AT_DetachPartition:
		mode := LockAccessExclusive
		if cmd.GetDef().GetPartitionCmd().GetConcurrent() {
			mode = LockShareUpdateExclusive
		}
		ls.add(Lock{Relation: ls.rel(cmd.GetDef().GetPartitionCmd().GetName()), Mode: mode})
	case sqlparse.AT_AddInherit, sqlparse.AT_DropInherit:
		ls.add(Lock{Relation: ls.rel(cmd.GetDef().GetRangeVar()), Mode: LockShareUpdateExclusive})
	}
}
