package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// mergeTarget is the statement a later ALTER TABLE could be merged into.
type mergeTarget struct {
	line   int
	create bool
}

type mergeState struct{ last map[model.QName]mergeTarget }

// statementMergeAlterTable is statement.merge-alter-table (Bytebase's id as
// well).
var statementMergeAlterTable = &review.Rule{
	ID:       "statement.merge-alter-table",
	Category: review.CategoryConvention,
	Summary:  "several ALTER TABLE statements (or a CREATE TABLE and an ALTER TABLE) on the same table that could be one",
	Why: "each ALTER TABLE queues for its own ACCESS EXCLUSIVE lock and may scan or rewrite the table " +
		"again; one statement with several subcommands takes the lock once and does one pass",
	Fix:  "merge the subcommands into one ALTER TABLE, separated by commas (or into the CREATE TABLE)",
	Bad:  "ALTER TABLE public.employee ADD COLUMN nick_name text;\nALTER TABLE public.employee ADD COLUMN title text;",
	Good: "ALTER TABLE public.employee ADD COLUMN nick_name text, ADD COLUMN title text;",
	// The id is Bytebase's own; its enum spelling is accepted too.
	Aliases: []string{"STATEMENT_MERGE_ALTER_TABLE"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := convState[mergeState](p)
		if st.last == nil {
			st.last = map[model.QName]mergeTarget{}
		}
		n := s.Node
		switch {
		case s.Class == sqlparse.TxControl || s.NoTransaction || s.Kind == "DO" || s.Kind == "CALL":
			// A transaction boundary, or a statement whose effect is unknown.
			clear(st.last)
		case n.GetCreateStmt() != nil:
			st.last[convRelName(p, n.GetCreateStmt().GetRelation())] = mergeTarget{line: s.Line, create: true}
		case n.GetAlterTableStmt() != nil && n.GetAlterTableStmt().GetObjtype() == sqlparse.OBJECT_TABLE:
			at := n.GetAlterTableStmt()
			q := convRelName(p, at.GetRelation())
			prev, ok := st.last[q]
			switch {
			case !convMergeable(at):
				delete(st.last, q)
			case !ok:
				st.last[q] = mergeTarget{line: s.Line}
			case prev.create && (convAddsForeignKey(at) || !createMergeable(at)):
				// Foreign keys are often added after CREATE TABLE on purpose
				// (tables referencing each other); OWNER TO, row level
				// security and the like have no CREATE TABLE clause.
				st.last[q] = mergeTarget{line: s.Line}
			case prev.create:
				p.Report(s, "ALTER TABLE on %s could be part of the CREATE TABLE at line %d", convQuoteQName(q), prev.line)
			default:
				p.Report(s, "ALTER TABLE on %s could be merged into the ALTER TABLE at line %d: one statement takes the lock and scans or rewrites the table once", convQuoteQName(q), prev.line)
			}
		case n.GetRenameStmt() != nil:
			delete(st.last, convRelName(p, n.GetRenameStmt().GetRelation()))
		case n.GetAlterObjectSchemaStmt() != nil:
			delete(st.last, convRelName(p, n.GetAlterObjectSchemaStmt().GetRelation()))
		case s.Class == sqlparse.DML || n.GetDropStmt() != nil:
			// Data changes in between (a backfill) need the first ALTER
			// done; a DROP may remove the table.
			for _, rv := range sqlparse.RelationRefs(n) {
				delete(st.last, convRelName(p, rv))
			}
			if n.GetDropStmt() != nil {
				clear(st.last)
			}
		}
	},
	End: func(p *review.Pass) { convTakeState[mergeState](p) },
}

// convMergeable reports whether an ALTER TABLE can be combined with others:
// ATTACH and DETACH PARTITION cannot, and VALIDATE CONSTRAINT is kept apart
// on purpose (after an ADD ... NOT VALID).
func convMergeable(at *sqlparse.AlterTableStmt) bool {
	for _, c := range at.GetCmds() {
		switch c.GetAlterTableCmd().GetSubtype() {
		case sqlparse.AT_AttachPartition, sqlparse.AT_DetachPartition, sqlparse.AT_DetachPartitionFinalize, sqlparse.AT_ValidateConstraint:
			return false
		}
	}
	return true
}

// createMergeable reports whether every subcommand of an ALTER TABLE has an
// equivalent clause in CREATE TABLE.
func createMergeable(at *sqlparse.AlterTableStmt) bool {
	for _, c := range at.GetCmds() {
		switch c.GetAlterTableCmd().GetSubtype() {
		case sqlparse.AT_AddColumn, sqlparse.AT_AddConstraint, sqlparse.AT_ColumnDefault, sqlparse.AT_SetNotNull,
			sqlparse.AT_DropNotNull, sqlparse.AT_AlterColumnType, sqlparse.AT_AddIdentity, sqlparse.AT_SetRelOptions:
		default:
			return false
		}
	}
	return true
}

// convAddsForeignKey reports whether an ALTER TABLE adds a foreign key.
func convAddsForeignKey(at *sqlparse.AlterTableStmt) bool {
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		if cmd.GetSubtype() == sqlparse.AT_AddConstraint && cmd.GetDef().GetConstraint().GetContype() == sqlparse.CONSTR_FOREIGN {
			return true
		}
		if cmd.GetSubtype() == sqlparse.AT_AddColumn {
			for _, con := range cmd.GetDef().GetColumnDef().GetConstraints() {
				if con.GetConstraint().GetContype() == sqlparse.CONSTR_FOREIGN {
					return true
				}
			}
		}
	}
	return false
}

// statementMixDDLDML is statement.mix-ddl-dml.
var statementMixDDLDML = &review.Rule{
	ID:       "statement.mix-ddl-dml",
	Category: review.CategoryConvention,
	Summary:  "a data change (INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY FROM) in a file that also changes the schema",
	Why: "backfills in a schema migration run inside its transaction and locks: a large UPDATE holds the " +
		"ALTER TABLE's ACCESS EXCLUSIVE lock for its whole duration, cannot be batched or resumed, and " +
		"ties a data fix to a schema version. Rows inserted into a table the file creates are exempt",
	Fix: "move the data change to its own migration, batched if it touches many rows",
	Bad: "ALTER TABLE public.employee ADD COLUMN nick_name text;\nUPDATE public.employee SET nick_name = first_name;",
	Good: "CREATE TABLE public.employee_kind (name text PRIMARY KEY);\n" +
		"INSERT INTO public.employee_kind (name) VALUES ('staff'), ('contractor');",
	Stmt: func(p *review.Pass, s *review.Stmt) {
		targets, ok := convDataChangeTargets(s)
		if !ok {
			return
		}
		hasDDL := false
		for _, o := range p.Stmts {
			if o.Class == sqlparse.DDL {
				hasDDL = true
				break
			}
		}
		if !hasDDL {
			return
		}
		var names []string
		for _, rv := range targets {
			if q := convRelName(p, rv); !p.Created(q) {
				names = append(names, convQuoteQName(q))
			}
		}
		if len(targets) > 0 && len(names) == 0 {
			return // only tables this file creates
		}
		what := convKindWords(s.Kind)
		if len(names) == 0 {
			p.Report(s, "%s in a file that also changes the schema", what)
			return
		}
		p.Report(s, "%s on %s in a file that also changes the schema", what, strings.Join(names, ", "))
	},
}

// convDataChangeTargets returns the tables a data-changing statement writes;
// ok is false for statements that change no rows.
func convDataChangeTargets(s *review.Stmt) (targets []*sqlparse.RangeVar, ok bool) {
	n := s.Node
	switch {
	case n.GetInsertStmt() != nil:
		return []*sqlparse.RangeVar{n.GetInsertStmt().GetRelation()}, true
	case n.GetUpdateStmt() != nil:
		return []*sqlparse.RangeVar{n.GetUpdateStmt().GetRelation()}, true
	case n.GetDeleteStmt() != nil:
		return []*sqlparse.RangeVar{n.GetDeleteStmt().GetRelation()}, true
	case n.GetMergeStmt() != nil:
		return []*sqlparse.RangeVar{n.GetMergeStmt().GetRelation()}, true
	case n.GetCopyStmt() != nil && n.GetCopyStmt().GetIsFrom():
		if rv := n.GetCopyStmt().GetRelation(); rv != nil {
			return []*sqlparse.RangeVar{rv}, true
		}
		return nil, true
	case n.GetTruncateStmt() != nil:
		for _, r := range n.GetTruncateStmt().GetRelations() {
			if rv := r.GetRangeVar(); rv != nil {
				targets = append(targets, rv)
			}
		}
		return targets, true
	}
	return nil, false
}
