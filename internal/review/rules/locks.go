package rules

import (
	"slices"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// The table-level lock modes of PostgreSQL, as pg_locks and the
// documentation spell them, weakest first.
const (
	LockAccessShare          = "ACCESS SHARE"
	LockRowShare             = "ROW SHARE"
	LockRowExclusive         = "ROW EXCLUSIVE"
	LockShareUpdateExclusive = "SHARE UPDATE EXCLUSIVE"
	LockShare                = "SHARE"
	LockShareRowExclusive    = "SHARE ROW EXCLUSIVE"
	LockExclusive            = "EXCLUSIVE"
	LockAccessExclusive      = "ACCESS EXCLUSIVE"
)

// lockModes lists the modes by strength; the index + 1 is the mode number
// PostgreSQL uses (LockStmt.Mode: 1 = ACCESS SHARE ... 8 = ACCESS
// EXCLUSIVE).
var lockModes = []string{
	LockAccessShare, LockRowShare, LockRowExclusive, LockShareUpdateExclusive,
	LockShare, LockShareRowExclusive, LockExclusive, LockAccessExclusive,
}

// LockRank returns the strength of a lock mode, from 1 (ACCESS SHARE) to 8
// (ACCESS EXCLUSIVE), or 0 for an unknown mode.
func LockRank(mode string) int {
	return slices.Index(lockModes, mode) + 1
}

// Lock is a table-level lock that a statement takes and holds until the end
// of its transaction.
type Lock struct {
	// Relation is the locked table, partitioned table, view, materialized
	// view, foreign table or sequence. A lock on an index is reported with
	// the index's table here and the index in Index; when the model does
	// not know the index, Relation and Index both name the index.
	Relation model.QName
	// Mode is the lock mode, one of the Lock* constants ("ACCESS
	// EXCLUSIVE", "SHARE", ...).
	Mode string
	// Rewrite reports that the statement copies every row of the relation
	// (or of the index, for index locks) into new files while holding the
	// lock. Scan reports that it reads the whole relation while holding the
	// lock (a validation pass or an index build); both make the lock last as
	// long as the table is big.
	Rewrite, Scan bool
	// Index is the locked index of Relation; it is the zero QName for
	// locks on the relation itself.
	Index model.QName
}

// AtLeast reports whether the lock's mode is mode or a stronger one.
func (l Lock) AtLeast(mode string) bool {
	return LockRank(l.Mode) >= LockRank(mode)
}

// BlocksWrites reports whether the lock conflicts with the ROW EXCLUSIVE
// lock of INSERT, UPDATE, DELETE and MERGE (SHARE and stronger).
func (l Lock) BlocksWrites() bool { return l.AtLeast(LockShare) }

// BlocksReads reports whether the lock conflicts with plain SELECT (ACCESS
// EXCLUSIVE only; an ACCESS EXCLUSIVE lock on an index blocks the planning
// of every query on its table too).
func (l Lock) BlocksReads() bool { return l.Mode == LockAccessExclusive }

// DefaultLockVersion is the PostgreSQL major version LockOf assumes.
const DefaultLockVersion = 15

// LockOf returns the table-level locks the statement takes, following the
// lock table of RULES.md §5 (measured on PostgreSQL 15) for a server of
// DefaultLockVersion; schema is the schema before the statement. See
// LockOfVersion.
func LockOf(s *review.Stmt, schema *model.Schema) []Lock {
	return LockOfVersion(s, schema, DefaultLockVersion)
}

// LockOfVersion returns the table-level locks the statement takes on a
// server of the given major version, one entry per relation (or index),
// the statement's target first. The schema (the state before the
// statement) resolves names, finds the table of an index, the partitions
// of a partitioned table, the tables a foreign key references, the columns
// of a domain and the current type of a column. Covered:
//
//   - CREATE INDEX (SHARE, on every partition of a partitioned parent unless
//     ON ONLY) and CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE);
//   - DROP INDEX (ACCESS EXCLUSIVE on the table, SHARE UPDATE EXCLUSIVE when
//     CONCURRENTLY), REINDEX (SHARE on the table, ACCESS EXCLUSIVE on each
//     index rebuilt; SHARE UPDATE EXCLUSIVE when CONCURRENTLY);
//   - ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / FOREIGN TABLE: the
//     strongest lock of all subcommands on the target (and its partitions),
//     plus the other tables some subcommands lock: both tables of ADD
//     FOREIGN KEY (SHARE ROW EXCLUSIVE), the referenced table of DROP
//     CONSTRAINT on a foreign key (ACCESS EXCLUSIVE) and of VALIDATE
//     CONSTRAINT (ROW SHARE), the partition of ATTACH / DETACH PARTITION,
//     the parent of INHERIT / NO INHERIT;
//   - DROP TABLE (with the tables its foreign keys reference, and with
//     CASCADE the tables referencing it), DROP VIEW / MATERIALIZED VIEW /
//     SEQUENCE / FOREIGN TABLE, DROP TRIGGER / RULE / POLICY, TRUNCATE (with
//     CASCADE the referencing tables), VACUUM [FULL], ANALYZE, CLUSTER,
//     REFRESH MATERIALIZED VIEW [CONCURRENTLY], LOCK TABLE;
//   - RENAME and SET SCHEMA of relations, columns and constraints,
//     CREATE TABLE (SHARE ROW EXCLUSIVE on referenced tables, ACCESS
//     EXCLUSIVE on the parent of PARTITION OF), CREATE OR REPLACE VIEW,
//     CREATE TRIGGER, CREATE RULE, CREATE / ALTER POLICY, CREATE STATISTICS,
//     COMMENT ON, ALTER SEQUENCE, ALTER DOMAIN ADD CONSTRAINT / VALIDATE
//     CONSTRAINT / SET NOT NULL (SHARE on every table using the domain);
//   - INSERT, UPDATE, DELETE, MERGE, COPY FROM (ROW EXCLUSIVE on the
//     target), COPY TO and the relations a SELECT names in its FROM list
//     (ACCESS SHARE; ROW SHARE with FOR UPDATE / SHARE).
//
// Other statements (CREATE TYPE, GRANT, SET, ...) take no table lock worth
// reporting and give nil. The relation a CREATE statement creates is not
// reported (it is invisible to others until commit), nor are relations the
// model does not know among those a SELECT reads. Whether a relation is "existing" (RULES.md §1) is for
// the caller to decide, with review.Pass.Existing.
func LockOfVersion(s *review.Stmt, schema *model.Schema, pgVersion int) []Lock {
	if s == nil || s.Node == nil || schema == nil {
		return nil
	}
	ls := &lockSet{schema: schema, pg: pgVersion}
	n := s.Node
	switch {
	case n.GetIndexStmt() != nil:
		ls.createIndex(n.GetIndexStmt())
	case n.GetAlterTableStmt() != nil:
		ls.alterTable(n.GetAlterTableStmt())
	case n.GetDropStmt() != nil:
		ls.drop(n.GetDropStmt())
	case n.GetReindexStmt() != nil:
		ls.reindex(n)
	case n.GetTruncateStmt() != nil:
		for _, r := range n.GetTruncateStmt().GetRelations() {
			q := ls.rel(r.GetRangeVar())
			ls.add(Lock{Relation: q, Mode: LockAccessExclusive})
			if n.GetTruncateStmt().GetBehavior() == sqlparse.DROP_CASCADE {
				ls.referencing(q, LockAccessExclusive, map[model.QName]bool{q: true})
			}
		}
	case n.GetVacuumStmt() != nil:
		ls.vacuum(n)
	case n.GetClusterStmt() != nil:
		if rv := n.GetClusterStmt().GetRelation(); rv != nil {
			q := ls.rel(rv)
			ls.add(Lock{Relation: q, Mode: LockAccessExclusive, Rewrite: true})
			ls.indexes(q, LockAccessExclusive, true)
		}
	case n.GetRefreshMatViewStmt() != nil:
		r := n.GetRefreshMatViewStmt()
		if r.GetConcurrent() {
			ls.add(Lock{Relation: ls.rel(r.GetRelation()), Mode: LockExclusive, Scan: true})
		} else {
			ls.add(Lock{Relation: ls.rel(r.GetRelation()), Mode: LockAccessExclusive, Rewrite: !r.GetSkipData()})
		}
	case n.GetLockStmt() != nil:
		mode := LockAccessExclusive
		if m := int(n.GetLockStmt().GetMode()); m >= 1 && m <= len(lockModes) {
			mode = lockModes[m-1]
		}
		for _, r := range n.GetLockStmt().GetRelations() {
			ls.addTree(r.GetRangeVar(), Lock{Mode: mode})
		}
	default:
		ls.other(n)
	}
	return ls.locks
}

// lockSet collects the locks of one statement, keeping one entry per
// relation and index with the strongest mode.
type lockSet struct {
	schema *model.Schema
	pg     int
	locks  []Lock
}

// add records l, merging it with an earlier lock on the same relation and
// index.
func (ls *lockSet) add(l Lock) {
	if l.Relation.Name == "" {
		return
	}
	for i := range ls.locks {
		o := &ls.locks[i]
		if o.Relation == l.Relation && o.Index == l.Index {
			if LockRank(l.Mode) > LockRank(o.Mode) {
				o.Mode = l.Mode
			}
			o.Rewrite = o.Rewrite || l.Rewrite
			o.Scan = o.Scan || l.Scan
			return
		}
	}
	ls.locks = append(ls.locks, l)
}

// rel resolves a relation reference.
func (ls *lockSet) rel(rv *sqlparse.RangeVar) model.QName {
	if rv == nil {
		return model.QName{}
	}
	schema, name := sqlparse.RangeVarName(rv)
	return ls.schema.Resolve(schema, name)
}

// names resolves a possibly qualified name given as a list of String nodes
// (DROP and COMMENT objects); drop keeps that many trailing parts out (the
// trigger name of DROP TRIGGER t ON tbl, the column of COMMENT ON COLUMN).
func (ls *lockSet) names(items []*sqlparse.Node, drop int) model.QName {
	parts := sqlparse.NameList(items)
	if len(parts) <= drop {
		return model.QName{}
	}
	parts = parts[:len(parts)-drop]
	if len(parts) == 1 {
		return ls.schema.Resolve("", parts[0])
	}
	return ls.schema.Resolve(parts[len(parts)-2], parts[len(parts)-1])
}

// addTree locks the relation rv names and, unless rv says ONLY, its
// partitions (the lock recurses as PostgreSQL's does).
func (ls *lockSet) addTree(rv *sqlparse.RangeVar, l Lock) model.QName {
	q := ls.rel(rv)
	l.Relation = q
	ls.add(l)
	if rv.GetInh() {
		ls.partitions(q, l, map[model.QName]bool{q: true})
	}
	return q
}

// partitions gives every partition of q, recursively, the lock l.
func (ls *lockSet) partitions(q model.QName, l Lock, seen map[model.QName]bool) {
	for _, p := range ls.schema.Partitions(q) {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		l.Relation = p.Name
		ls.add(l)
		ls.partitions(p.Name, l, seen)
	}
}

// indexes locks every index of q that the model knows.
func (ls *lockSet) indexes(q model.QName, mode string, rewrite bool) {
	rel := ls.schema.Relation(q)
	if rel == nil {
		return
	}
	for _, idx := range rel.Indexes {
		ls.add(Lock{Relation: q, Index: idx.Name, Mode: mode, Rewrite: rewrite})
	}
}

// indexTable returns the table of the index called q, or q itself when the
// model does not know the index.
func (ls *lockSet) indexTable(q model.QName) model.QName {
	if idx := ls.schema.Index(q); idx != nil {
		return idx.Table
	}
	return q
}

// referencing locks every table with a foreign key to q (for TRUNCATE and
// DROP TABLE ... CASCADE), recursively.
func (ls *lockSet) referencing(q model.QName, mode string, seen map[model.QName]bool) {
	for _, r := range ls.schema.Relations() {
		if seen[r.Name] {
			continue
		}
		for _, c := range r.Constraints {
			if c.Type == model.ConForeign && c.RefTable != nil && *c.RefTable == q {
				seen[r.Name] = true
				ls.add(Lock{Relation: r.Name, Mode: mode})
				ls.referencing(r.Name, mode, seen)
				break
			}
		}
	}
}

// referenced locks the tables q's foreign keys reference.
func (ls *lockSet) referenced(q model.QName, mode string) {
	rel := ls.schema.Relation(q)
	if rel == nil {
		return
	}
	for _, c := range rel.Constraints {
		if c.Type == model.ConForeign && c.RefTable != nil && *c.RefTable != q {
			ls.add(Lock{Relation: *c.RefTable, Mode: mode})
		}
	}
}

// createIndex: SHARE (SHARE UPDATE EXCLUSIVE when CONCURRENTLY) and a scan
// to build the index; a partitioned parent has no rows of its own and
// passes the lock to its partitions unless ON ONLY.
func (ls *lockSet) createIndex(is *sqlparse.IndexStmt) {
	mode := LockShare
	if is.GetConcurrent() {
		mode = LockShareUpdateExclusive
	}
	q := ls.rel(is.GetRelation())
	rel := ls.schema.Relation(q)
	partitioned := rel != nil && rel.Kind == model.KindPartitioned
	ls.add(Lock{Relation: q, Mode: mode, Scan: !partitioned})
	if is.GetRelation().GetInh() {
		ls.partitions(q, Lock{Mode: mode, Scan: true}, map[model.QName]bool{q: true})
	}
}

// drop handles DROP TABLE, INDEX, VIEW, ... and DROP TRIGGER / RULE /
// POLICY.
func (ls *lockSet) drop(d *sqlparse.DropStmt) {
	for _, o := range d.GetObjects() {
		items := o.GetList().GetItems()
		switch d.GetRemoveType() {
		case sqlparse.OBJECT_TABLE:
			q := ls.names(items, 0)
			ls.add(Lock{Relation: q, Mode: LockAccessExclusive})
			ls.referenced(q, LockAccessExclusive)
			if d.GetBehavior() == sqlparse.DROP_CASCADE {
				ls.referencing(q, LockAccessExclusive, map[model.QName]bool{q: true})
			}
		case sqlparse.OBJECT_INDEX:
			mode := LockAccessExclusive
			if d.GetConcurrent() {
				mode = LockShareUpdateExclusive
			}
			ls.add(Lock{Relation: ls.indexTable(ls.names(items, 0)), Mode: mode})
		case sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW, sqlparse.OBJECT_SEQUENCE, sqlparse.OBJECT_FOREIGN_TABLE:
			ls.add(Lock{Relation: ls.names(items, 0), Mode: LockAccessExclusive})
		case sqlparse.OBJECT_TRIGGER, sqlparse.OBJECT_RULE, sqlparse.OBJECT_POLICY:
			ls.add(Lock{Relation: ls.names(items, 1), Mode: LockAccessExclusive})
		}
	}
}

// stmtLocks is LockOfVersion(s, p.Schema, p.PGVersion), which the rules
// share per statement (memo).
func stmtLocks(p *review.Pass, s *review.Stmt) []Lock {
	return memo(s, memoLocks, func() []Lock { return LockOfVersion(s, p.Schema, p.PGVersion) })
}
