package rules

import (
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// other handles the statements of LockOfVersion not dispatched there:
// renames, CREATE TABLE / VIEW / TRIGGER / RULE / POLICY / STATISTICS,
// COMMENT, ALTER SEQUENCE, ALTER DOMAIN and DML.
func (ls *lockSet) other(n *sqlparse.Node) {
	switch {
	case n.GetRenameStmt() != nil:
		ls.rename(n.GetRenameStmt())
	case n.GetAlterObjectSchemaStmt() != nil:
		a := n.GetAlterObjectSchemaStmt()
		switch a.GetObjectType() {
		case sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW,
			sqlparse.OBJECT_SEQUENCE, sqlparse.OBJECT_FOREIGN_TABLE:
			ls.add(Lock{Relation: ls.rel(a.GetRelation()), Mode: LockAccessExclusive})
		}
	case n.GetCreateStmt() != nil:
		ls.createTable(n.GetCreateStmt())
	case n.GetViewStmt() != nil:
		v := n.GetViewStmt()
		if q := ls.rel(v.GetView()); v.GetReplace() && ls.schema.Relation(q) != nil {
			ls.add(Lock{Relation: q, Mode: LockAccessExclusive})
		}
	case n.GetCreateTrigStmt() != nil:
		ls.add(Lock{Relation: ls.rel(n.GetCreateTrigStmt().GetRelation()), Mode: LockShareRowExclusive})
	case n.GetRuleStmt() != nil:
		ls.add(Lock{Relation: ls.rel(n.GetRuleStmt().GetRelation()), Mode: LockAccessExclusive})
	case n.GetCreatePolicyStmt() != nil:
		ls.add(Lock{Relation: ls.rel(n.GetCreatePolicyStmt().GetTable()), Mode: LockAccessExclusive})
	case n.GetAlterPolicyStmt() != nil:
		ls.add(Lock{Relation: ls.rel(n.GetAlterPolicyStmt().GetTable()), Mode: LockAccessExclusive})
	case n.GetCreateStatsStmt() != nil:
		for _, r := range n.GetCreateStatsStmt().GetRelations() {
			ls.add(Lock{Relation: ls.rel(r.GetRangeVar()), Mode: LockShareUpdateExclusive})
		}
	case n.GetCommentStmt() != nil:
		ls.comment(n.GetCommentStmt())
	case n.GetAlterSeqStmt() != nil:
		ls.add(Lock{Relation: ls.rel(n.GetAlterSeqStmt().GetSequence()), Mode: LockShareRowExclusive})
	case n.GetAlterDomainStmt() != nil:
		ls.alterDomain(n.GetAlterDomainStmt())
	default:
		ls.dml(n)
	}
}

// rename: renaming a relation, a column or a constraint takes ACCESS
// EXCLUSIVE on the relation; renaming an index only SHARE UPDATE EXCLUSIVE
// on the index.
func (ls *lockSet) rename(r *sqlparse.RenameStmt) {
	q := ls.rel(r.GetRelation())
	switch r.GetRenameType() {
	case sqlparse.OBJECT_INDEX:
		ls.add(Lock{Relation: ls.indexTable(q), Index: q, Mode: LockShareUpdateExclusive})
	case sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW, sqlparse.OBJECT_SEQUENCE,
		sqlparse.OBJECT_FOREIGN_TABLE, sqlparse.OBJECT_COLUMN, sqlparse.OBJECT_TABCONSTRAINT,
		sqlparse.OBJECT_TRIGGER, sqlparse.OBJECT_RULE, sqlparse.OBJECT_POLICY:
		if r.GetRelationType() == sqlparse.OBJECT_INDEX {
			ls.add(Lock{Relation: ls.indexTable(q), Index: q, Mode: LockShareUpdateExclusive})
			return
		}
		ls.add(Lock{Relation: q, Mode: LockAccessExclusive})
	}
}

// createTable: a new table locks nothing that others see, except the tables
// its foreign keys reference (SHARE ROW EXCLUSIVE), the parent of a
// partition (ACCESS EXCLUSIVE) and inheritance parents (SHARE UPDATE
// EXCLUSIVE).
func (ls *lockSet) createTable(c *sqlparse.CreateStmt) {
	self := ls.rel(c.GetRelation())
	for i, p := range c.GetInhRelations() {
		mode := LockShareUpdateExclusive
		if c.GetPartbound() != nil && i == 0 {
			mode = LockAccessExclusive
		}
		ls.add(Lock{Relation: ls.rel(p.GetRangeVar()), Mode: mode})
		if c.GetPartbound() != nil && i == 0 && !c.GetPartbound().GetIsDefault() {
			ls.defaultPartition(ls.rel(p.GetRangeVar()))
		}
	}
	fk := func(con *sqlparse.Constraint) {
		if con.GetContype() == sqlparse.CONSTR_FOREIGN {
			if q := ls.rel(con.GetPktable()); q != self {
				ls.add(Lock{Relation: q, Mode: LockShareRowExclusive})
			}
		}
	}
	for _, e := range c.GetTableElts() {
		if e.GetConstraint() != nil {
			fk(e.GetConstraint())
		}
		for _, con := range e.GetColumnDef().GetConstraints() {
			fk(con.GetConstraint())
		}
	}
	for _, con := range c.GetConstraints() {
		fk(con.GetConstraint())
	}
}

// defaultPartition records the lock a new partition of parent takes on
// parent's DEFAULT partition, if it has one: ACCESS EXCLUSIVE and a scan
// for rows that now belong to the new partition.
func (ls *lockSet) defaultPartition(parent model.QName) {
	if d := ls.schema.DefaultPartition(parent); d != nil {
		ls.add(Lock{Relation: d.Name, Mode: LockAccessExclusive, Scan: true})
	}
}

// comment: COMMENT ON a relation or one of its columns or constraints takes
// SHARE UPDATE EXCLUSIVE on the relation.
func (ls *lockSet) comment(c *sqlparse.CommentStmt) {
	items := c.GetObject().GetList().GetItems()
	switch c.GetObjtype() {
	case sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW,
		sqlparse.OBJECT_FOREIGN_TABLE, sqlparse.OBJECT_SEQUENCE:
		ls.add(Lock{Relation: ls.names(items, 0), Mode: LockShareUpdateExclusive})
	case sqlparse.OBJECT_COLUMN, sqlparse.OBJECT_TABCONSTRAINT:
		ls.add(Lock{Relation: ls.names(items, 1), Mode: LockShareUpdateExclusive})
	}
}

// alterDomain: adding or validating a constraint of a domain, or making it
// NOT NULL, checks every column of that domain under SHARE.
func (ls *lockSet) alterDomain(a *sqlparse.AlterDomainStmt) {
	switch a.GetSubtype() {
	case "C":
		if a.GetDef().GetConstraint().GetSkipValidation() {
			return
		}
	case "V", "O":
	default:
		return
	}
	parts := sqlparse.NameList(a.GetTypeName())
	var dq model.QName
	switch len(parts) {
	case 0:
		return
	case 1:
		dq = ls.schema.ResolveType("", parts[0])
	default:
		dq = ls.schema.ResolveType(parts[len(parts)-2], parts[len(parts)-1])
	}
	for _, q := range domainTables(ls.schema, dq) {
		ls.add(Lock{Relation: q, Mode: LockShare, Scan: true})
	}
}

// domainTables returns the tables with a column of the domain dq (or an
// array of it).
func domainTables(schema *model.Schema, dq model.QName) []model.QName {
	var out []model.QName
	name := dq.String()
	for _, rel := range schema.Relations() {
		if rel.Kind != model.KindTable && rel.Kind != model.KindPartitioned {
			continue
		}
		for _, c := range rel.Columns {
			if c.Type == name || c.Type == name+"[]" {
				out = append(out, rel.Name)
				break
			}
		}
	}
	return out
}

// dml: INSERT, UPDATE, DELETE, MERGE and COPY FROM take ROW EXCLUSIVE on
// their target; COPY TO and SELECT take ACCESS SHARE on what they read
// (ROW SHARE for SELECT ... FOR UPDATE / SHARE). A SELECT reports the
// relations the model knows among those it names anywhere (CTE names are
// not relations).
func (ls *lockSet) dml(n *sqlparse.Node) {
	switch {
	case n.GetInsertStmt() != nil:
		ls.addTree(n.GetInsertStmt().GetRelation(), Lock{Mode: LockRowExclusive})
	case n.GetUpdateStmt() != nil:
		ls.addTree(n.GetUpdateStmt().GetRelation(), Lock{Mode: LockRowExclusive})
	case n.GetDeleteStmt() != nil:
		ls.addTree(n.GetDeleteStmt().GetRelation(), Lock{Mode: LockRowExclusive})
	case n.GetMergeStmt() != nil:
		ls.addTree(n.GetMergeStmt().GetRelation(), Lock{Mode: LockRowExclusive})
	case n.GetCopyStmt() != nil:
		c := n.GetCopyStmt()
		if c.GetRelation() == nil {
			return
		}
		mode := LockAccessShare
		if c.GetIsFrom() {
			mode = LockRowExclusive
		}
		ls.add(Lock{Relation: ls.rel(c.GetRelation()), Mode: mode})
	case n.GetSelectStmt() != nil:
		sel := n.GetSelectStmt()
		if sel.GetIntoClause() != nil {
			return
		}
		mode := LockAccessShare
		if len(sel.GetLockingClause()) > 0 {
			mode = LockRowShare
		}
		sqlparse.Walk(n, func(x *sqlparse.Node) bool {
			// Unknown names may be CTEs: only relations the model knows.
			if q := ls.rel(x.GetRangeVar()); ls.schema.Relation(q) != nil {
				ls.add(Lock{Relation: q, Mode: mode})
			}
			return true
		})
	}
}

// reindex: SHARE on the table and ACCESS EXCLUSIVE on each index rebuilt;
// CONCURRENTLY takes SHARE UPDATE EXCLUSIVE on both.
func (ls *lockSet) reindex(n *sqlparse.Node) {
	r := n.GetReindexStmt()
	conc := sqlparse.DefElemBool(r.GetParams(), "concurrently", false)
	table, index := LockShare, LockAccessExclusive
	if conc {
		table, index = LockShareUpdateExclusive, LockShareUpdateExclusive
	}
	var tables []model.QName
	switch r.GetKind() {
	case sqlparse.REINDEX_OBJECT_INDEX:
		iq := ls.rel(r.GetRelation())
		tq := ls.indexTable(iq)
		ls.add(Lock{Relation: tq, Mode: table})
		ls.add(Lock{Relation: tq, Index: iq, Mode: index, Rewrite: true})
		return
	case sqlparse.REINDEX_OBJECT_TABLE:
		tables = []model.QName{ls.rel(r.GetRelation())}
	case sqlparse.REINDEX_OBJECT_SCHEMA, sqlparse.REINDEX_OBJECT_DATABASE:
		for _, rel := range ls.schema.Relations() {
			if (r.GetKind() == sqlparse.REINDEX_OBJECT_DATABASE || rel.Name.Schema == r.GetName()) &&
				(rel.Kind == model.KindTable || rel.Kind == model.KindMatView) {
				tables = append(tables, rel.Name)
			}
		}
	}
	for _, q := range tables {
		ls.add(Lock{Relation: q, Mode: table})
		ls.indexes(q, index, true)
	}
}

// vacuum: VACUUM and ANALYZE take SHARE UPDATE EXCLUSIVE and read the
// table; VACUUM FULL rewrites it under ACCESS EXCLUSIVE. Without a table
// list every table of the model is processed.
func (ls *lockSet) vacuum(n *sqlparse.Node) {
	v := n.GetVacuumStmt()
	l := Lock{Mode: LockShareUpdateExclusive, Scan: true}
	if v.GetIsVacuumcmd() && sqlparse.DefElemBool(v.GetOptions(), "full", false) {
		l = Lock{Mode: LockAccessExclusive, Rewrite: true}
	}
	var qs []model.QName
	for _, r := range v.GetRels() {
		qs = append(qs, ls.rel(r.GetVacuumRelation().GetRelation()))
	}
	if len(v.GetRels()) == 0 {
		for _, rel := range ls.schema.Relations() {
			if rel.Kind == model.KindTable || rel.Kind == model.KindMatView {
				qs = append(qs, rel.Name)
			}
		}
	}
	for _, q := range qs {
		l.Relation = q
		ls.add(l)
		if l.Rewrite {
			ls.indexes(q, LockAccessExclusive, true)
		}
	}
}
