package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// tableRewrite flags the statements that rewrite a whole existing table
// under ACCESS EXCLUSIVE: VACUUM FULL, CLUSTER, and ALTER TABLE ... SET
// LOGGED / UNLOGGED / TABLESPACE / ACCESS METHOD (ALTER INDEX ... SET
// TABLESPACE and ALTER TABLE ALL IN TABLESPACE too).
var tableRewrite = &review.Rule{
	ID:       "table.rewrite",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Summary:  "VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED, SET TABLESPACE or SET ACCESS METHOD on an existing table",
	Why: "These statements copy the whole table (and rebuild its indexes) while holding an ACCESS EXCLUSIVE lock " +
		"that blocks reads and writes for as long as the copy takes.",
	Fix: "rewrite the table online with pg_repack or pg_squeeze, or schedule the statement in a maintenance window",
	Bad: "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);\n-- next file --\n" +
		"-- dbcd:no-transaction\nVACUUM FULL events;\n",
	Good: "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);\n-- next file --\n" +
		"-- dbcd:no-transaction\nVACUUM (ANALYZE) events;\n",
	Nodes: []string{"VacuumStmt", "ClusterStmt", "AlterTableMoveAllStmt", "AlterTableStmt"},
	Stmt:  checkTableRewrite,
}

func checkTableRewrite(p *review.Pass, s *review.Stmt) {
	n := s.Node
	const tail = " rewrites the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait until it finishes"
	switch {
	case n.GetVacuumStmt() != nil:
		v := n.GetVacuumStmt()
		if !v.GetIsVacuumcmd() || !sqlparse.DefElemBool(v.GetOptions(), "full", false) {
			return
		}
		if len(v.GetRels()) == 0 {
			p.Report(s, "VACUUM FULL without a table list rewrites every table of the database under ACCESS EXCLUSIVE locks")
			return
		}
		var names []string
		for _, r := range v.GetRels() {
			if q := lkRel(p, r.GetVacuumRelation().GetRelation()); p.Existing(q) {
				names = append(names, lkName(q))
			}
		}
		if len(names) > 0 {
			p.Report(s, "VACUUM FULL of %s"+tail, strings.Join(names, ", "))
		}
	case n.GetClusterStmt() != nil:
		rv := n.GetClusterStmt().GetRelation()
		if rv == nil {
			p.Report(s, "CLUSTER without a table rewrites every previously clustered table under ACCESS EXCLUSIVE locks")
			return
		}
		if q := lkRel(p, rv); p.Existing(q) {
			p.Report(s, "CLUSTER %s"+tail, lkName(q))
		}
	case n.GetAlterTableMoveAllStmt() != nil:
		p.Report(s, "ALTER ... ALL IN TABLESPACE %s copies every matching relation under ACCESS EXCLUSIVE locks",
			lkIdent(n.GetAlterTableMoveAllStmt().GetOrigTablespacename()))
	case n.GetAlterTableStmt() != nil:
		checkAlterRewrite(p, s, n.GetAlterTableStmt(), tail)
	}
}

// checkAlterRewrite flags the rewriting subcommands of ALTER TABLE /
// MATERIALIZED VIEW / INDEX.
func checkAlterRewrite(p *review.Pass, s *review.Stmt, at *sqlparse.AlterTableStmt, tail string) {
	q := lkRel(p, at.GetRelation())
	table := q
	if at.GetObjtype() == sqlparse.OBJECT_INDEX {
		if idx := p.Schema.Index(q); idx != nil {
			table = idx.Table
		}
	}
	if !p.Existing(table) {
		return
	}
	if rel := p.Schema.Relation(q); rel != nil && (rel.Kind == model.KindView || rel.Kind == model.KindForeign) {
		return
	}
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		var what string
		switch cmd.GetSubtype() {
		case sqlparse.AT_SetLogged:
			what = "SET LOGGED"
		case sqlparse.AT_SetUnLogged:
			what = "SET UNLOGGED"
		case sqlparse.AT_SetTableSpace:
			what = "SET TABLESPACE " + lkIdent(cmd.GetName())
		case sqlparse.AT_SetAccessMethod:
			what = "SET ACCESS METHOD " + lkIdent(cmd.GetName())
		default:
			continue
		}
		if at.GetObjtype() == sqlparse.OBJECT_INDEX {
			p.Report(s, "ALTER INDEX %s %s copies the index under an ACCESS EXCLUSIVE lock: queries on %s wait until it finishes",
				lkName(q), what, lkName(table))
		} else {
			p.Report(s, "%s on %s"+tail, what, lkName(q))
		}
		return
	}
}

// partitionDetachConcurrently flags DETACH PARTITION without CONCURRENTLY
// when the target is PostgreSQL 14 or later.
var partitionDetachConcurrently = &review.Rule{
	ID:       "partition.detach-concurrently",
	Category: review.CategoryLocking,
	Level:    diag.Warning,
	Summary:  "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+)",
	Why: "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table and on the partition: every " +
		"query on any partition waits. Since PostgreSQL 14, DETACH PARTITION ... CONCURRENTLY only takes SHARE " +
		"UPDATE EXCLUSIVE on the parent.",
	Fix: "use DETACH PARTITION ... CONCURRENTLY in a file marked -- dbcd:no-transaction (not possible when the table has a default partition)",
	Bad: "CREATE TABLE measurements (at date NOT NULL, value numeric) PARTITION BY RANGE (at);\n" +
		"CREATE TABLE measurements_2020 PARTITION OF measurements FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n" +
		"-- next file --\nALTER TABLE measurements DETACH PARTITION measurements_2020;\n",
	Good: "CREATE TABLE measurements (at date NOT NULL, value numeric) PARTITION BY RANGE (at);\n" +
		"CREATE TABLE measurements_2020 PARTITION OF measurements FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n" +
		"-- next file --\n-- dbcd:no-transaction\nALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;\n",
	Nodes: []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if p.PGVersion < 14 {
			return
		}
		lkAlter(p, s, func(q model.QName, _ *model.Relation, cmd *sqlparse.AlterTableCmd) {
			pc := cmd.GetDef().GetPartitionCmd()
			if cmd.GetSubtype() != sqlparse.AT_DetachPartition || pc.GetConcurrent() {
				return
			}
			p.Report(s, "DETACH PARTITION %s without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on %s and on the "+
				"partition: queries on the whole table wait", lkName(lkRel(p, pc.GetName())), lkName(q))
		})
	},
}

// typeDomainConstraint flags CREATE DOMAIN ... CHECK and ALTER DOMAIN ...
// ADD CONSTRAINT.
var typeDomainConstraint = &review.Rule{
	ID:       "type.domain-constraint",
	Category: review.CategoryLocking,
	Level:    diag.Warning,
	Summary:  "CREATE DOMAIN ... CHECK or ALTER DOMAIN ... ADD CONSTRAINT",
	Why: "Adding a constraint to a domain checks every column of every table that uses the domain while holding a " +
		"SHARE lock on those tables (writes blocked), and adding a column of a constrained domain, or changing a " +
		"column's type to one, rewrites the table. CHECK constraints on the tables themselves can be added NOT " +
		"VALID and validated under a weak lock.",
	Fix:   "use a domain without constraints (or the base type) and put the CHECK on the table, added NOT VALID and validated later",
	Bad:   "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');\n",
	Good:  "CREATE DOMAIN email AS text;\nCREATE TABLE users (id bigint PRIMARY KEY, address email CHECK (address LIKE '%@%'));\n",
	Nodes: []string{"CreateDomainStmt", "AlterDomainStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		n := s.Node
		if cd := n.GetCreateDomainStmt(); cd != nil {
			for _, c := range cd.GetConstraints() {
				if c.GetConstraint().GetContype() == sqlparse.CONSTR_CHECK {
					p.Report(s, "domain %s is created with a CHECK constraint: adding a column of this domain to an "+
						"existing table, or changing a column's type to it, rewrites the table",
						lkName(lkQualifiedType(p, sqlparse.NameList(cd.GetDomainname()))))
					return
				}
			}
			return
		}
		ad := n.GetAlterDomainStmt()
		if ad == nil || ad.GetSubtype() != "C" {
			return
		}
		dq := lkQualifiedType(p, sqlparse.NameList(ad.GetTypeName()))
		users := domainTables(p.Schema, dq)
		on := "every table with a column of the domain"
		if len(users) > 0 {
			names := make([]string, len(users))
			for i, u := range users {
				names[i] = lkName(u)
			}
			on = strings.Join(names, ", ")
		}
		if ad.GetDef().GetConstraint().GetSkipValidation() {
			p.Report(s, "constraint added to domain %s: its VALIDATE CONSTRAINT will scan %s under a SHARE lock, "+
				"and new columns of the domain rewrite their table", lkName(dq), on)
			return
		}
		p.Report(s, "constraint added to domain %s scans %s under a SHARE lock: writes wait until every row is checked",
			lkName(dq), on)
	},
}

// lkQualifiedType resolves a possibly qualified type name given as parts.
func lkQualifiedType(p *review.Pass, parts []string) model.QName {
	switch len(parts) {
	case 0:
		return model.QName{}
	case 1:
		return p.Schema.ResolveType("", parts[0])
	}
	return p.Schema.ResolveType(parts[len(parts)-2], parts[len(parts)-1])
}

// matviewRefreshConcurrently flags REFRESH MATERIALIZED VIEW without
// CONCURRENTLY (WITH NO DATA, which cannot be concurrent, is exempt).
var matviewRefreshConcurrently = &review.Rule{
	ID:       "matview.refresh-concurrently",
	Category: review.CategoryLocking,
	Level:    diag.Warning,
	Summary:  "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
	Why: "A plain refresh rebuilds the view under an ACCESS EXCLUSIVE lock: every reader of the view waits for the " +
		"whole query to run. REFRESH ... CONCURRENTLY takes an EXCLUSIVE lock, which lets reads go on; it needs a " +
		"unique index on the view.",
	Fix: "create a unique index on the materialized view, then use REFRESH MATERIALIZED VIEW CONCURRENTLY",
	Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric);\n" +
		"CREATE MATERIALIZED VIEW order_totals AS SELECT count(*) AS n, sum(amount) AS total FROM orders;\n" +
		"-- next file --\nREFRESH MATERIALIZED VIEW order_totals;\n",
	Good: "CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric);\n" +
		"CREATE MATERIALIZED VIEW order_totals AS SELECT 1 AS k, count(*) AS n, sum(amount) AS total FROM orders;\n" +
		"CREATE UNIQUE INDEX order_totals_k ON order_totals (k);\n" +
		"-- next file --\nREFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;\n",
	Nodes: []string{"RefreshMatViewStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		r := s.Node.GetRefreshMatViewStmt()
		if r == nil || r.GetConcurrent() || r.GetSkipData() {
			return
		}
		q := lkRel(p, r.GetRelation())
		if !p.Existing(q) {
			return
		}
		if rel := p.Schema.Relation(q); rel != nil && !hasPlainUniqueIndex(rel) {
			p.ReportHelp(s, "create a unique index on plain columns of the view (CREATE UNIQUE INDEX CONCURRENTLY), "+
				"then use REFRESH MATERIALIZED VIEW CONCURRENTLY",
				"REFRESH MATERIALIZED VIEW %s takes an ACCESS EXCLUSIVE lock: every reader of the view waits for the "+
					"refresh (CONCURRENTLY would need a unique index, which the view lacks)", lkName(q))
			return
		}
		p.Report(s, "REFRESH MATERIALIZED VIEW %s without CONCURRENTLY takes an ACCESS EXCLUSIVE lock: every reader "+
			"of the view waits for the refresh", lkName(q))
	},
}

// hasPlainUniqueIndex reports whether rel has a unique index on plain
// columns without a WHERE clause, as REFRESH ... CONCURRENTLY requires.
func hasPlainUniqueIndex(rel *model.Relation) bool {
	for _, idx := range rel.Indexes {
		if !idx.Unique || idx.Predicate != "" {
			continue
		}
		plain := true
		for _, c := range idx.Columns {
			if rel.Column(c) == nil && len(rel.Columns) > 0 {
				plain = false
			}
		}
		if plain {
			return true
		}
	}
	return false
}
