package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bbTableNoForeignKeyRule flags every foreign key: inline REFERENCES and
// FOREIGN KEY constraints of CREATE TABLE, ALTER TABLE ... ADD CONSTRAINT and
// ADD COLUMN.
var bbTableNoForeignKeyRule = &review.Rule{
	ID:       "table.no-foreign-key",
	Aliases:  []string{"TABLE_NO_FOREIGN_KEY", "table.no-fk"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "any FOREIGN KEY constraint (Bytebase TABLE_NO_FOREIGN_KEY)",
	Why: "some teams keep referential integrity in the application: foreign keys lock the referenced " +
		"table on every change of the referencing one and make sharding and online schema changes harder",
	Fix:   "drop the REFERENCES clause and enforce the relation in the application",
	Bad:   "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));",
	Good:  "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);",
	Nodes: []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		for _, tc := range bbConstraints(p, s) {
			if tc.con.GetContype() != sqlparse.CONSTR_FOREIGN {
				continue
			}
			schema, name := sqlparse.RangeVarName(tc.con.GetPktable())
			ref := p.Schema.Resolve(schema, name)
			p.Report(s, "foreign key on %s (%s) references %s; foreign keys are not allowed",
				tc.table, bbJoin(tc.columns()), ref)
		}
	},
}

// bbTableDropNamingRule flags DROP TABLE of a table whose name does not match
// the format option (by default "_del$"): tables must be renamed before they
// are dropped, so that a mistaken drop can be caught while the data is still
// there under the new name.
var bbTableDropNamingRule = &review.Rule{
	ID:       "table.drop-naming-convention",
	Aliases:  []string{"TABLE_DROP_NAMING_CONVENTION"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"format": "_del$"},
	Summary:  "DROP TABLE of a table whose name does not match the format (default _del$) (Bytebase TABLE_DROP_NAMING_CONVENTION)",
	Why: "renaming a table first (orders -> orders_del) and dropping it in a later release " +
		"makes any code still using it fail loudly while the data can still be restored by renaming it back",
	Fix:   "rename the table to a name matching the format (ALTER TABLE t RENAME TO t_del) and drop it in a later migration",
	Bad:   "CREATE TABLE orders (id bigint);\n-- next file --\nDROP TABLE orders;",
	Good:  "CREATE TABLE orders_del (id bigint);\n-- next file --\nDROP TABLE orders_del;",
	Nodes: []string{"DropStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		ds := s.Node.GetDropStmt()
		if ds == nil || ds.GetRemoveType() != sqlparse.OBJECT_TABLE {
			return
		}
		re := bbFormat(p, s)
		if re == nil {
			return
		}
		for _, obj := range ds.GetObjects() {
			q, ok := bbObjectName(p, obj.GetList().GetItems(), 0)
			if ok && !re.MatchString(q.Name) {
				p.Report(s, "table %s is dropped but its name does not match %q; rename it first and drop it in a later migration",
					q, re.String())
			}
		}
	},
}

// bbTableDisallowPartitionRule flags CREATE TABLE ... PARTITION BY and ALTER
// TABLE ... ATTACH PARTITION.
var bbTableDisallowPartitionRule = &review.Rule{
	ID:       "table.disallow-partition",
	Aliases:  []string{"TABLE_DISALLOW_PARTITION"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "CREATE TABLE ... PARTITION BY or ALTER TABLE ... ATTACH PARTITION (Bytebase TABLE_DISALLOW_PARTITION)",
	Why: "partitioned tables restrict unique constraints, foreign keys and concurrent index builds, " +
		"and every partition is one more table to operate",
	Fix:   "create a plain table; archive old rows with batched deletes instead of partitions",
	Bad:   "CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);",
	Good:  "CREATE TABLE events (id bigint, at timestamptz);",
	Nodes: []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if cs := s.Node.GetCreateStmt(); cs != nil && cs.GetPartspec() != nil {
			p.Report(s, "table %s is created as a partitioned table", bbRelName(p, cs.GetRelation()))
			return
		}
		at := s.Node.GetAlterTableStmt()
		if at == nil {
			return
		}
		for _, c := range at.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() == sqlparse.AT_AttachPartition {
				p.Report(s, "table %s is attached as a partition of %s",
					bbRelName(p, cmd.GetDef().GetPartitionCmd().GetName()), bbRelName(p, at.GetRelation()))
			}
		}
	},
}
