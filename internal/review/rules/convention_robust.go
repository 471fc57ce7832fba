package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// statementPreferRobust is statement.prefer-robust.
var statementPreferRobust = &review.Rule{
	ID:       "statement.prefer-robust",
	Category: review.CategoryConvention,
	Summary:  "DDL outside a transaction block without IF [NOT] EXISTS (or OR REPLACE), so that a re-run fails",
	Why: "a statement that runs outside a transaction block (a no-transaction file, CREATE INDEX " +
		"CONCURRENTLY, psql autocommit) is not rolled back when a later one fails: re-running the " +
		"migration then stops at the objects the first attempt already created or dropped. Statements " +
		"inside a transaction are exempt: a failure undoes them all",
	Fix: "write CREATE ... IF NOT EXISTS, DROP ... IF EXISTS, ADD COLUMN IF NOT EXISTS, CREATE OR REPLACE, " +
		"and DROP CONSTRAINT IF EXISTS before ADD CONSTRAINT",
	Bad:  "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id);",
	Good: "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON public.orders (customer_id);",
	// The statements fragileParts knows; droppedIfExists only reads the
	// earlier statements.
	Nodes: []string{"CreateStmt", "IndexStmt", "CreateTableAsStmt", "CreateSeqStmt", "CreateSchemaStmt",
		"CreateExtensionStmt", "ViewStmt", "CreateFunctionStmt", "CreateTrigStmt", "DropStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if s.InTransaction {
			return
		}
		for _, msg := range fragileParts(p, s) {
			p.Report(s, "%s: a re-run after a partial failure stops here", msg)
		}
	},
}

// fragileParts describes the parts of s that fail when s runs a second
// time.
func fragileParts(p *review.Pass, s *review.Stmt) []string {
	n := s.Node
	switch {
	case n.GetCreateStmt() != nil:
		if !n.GetCreateStmt().GetIfNotExists() {
			return []string{"CREATE TABLE " + convQuoteQName(convRelName(p, n.GetCreateStmt().GetRelation())) + " without IF NOT EXISTS"}
		}
	case n.GetIndexStmt() != nil:
		is := n.GetIndexStmt()
		switch {
		case is.GetIdxname() == "":
			return []string{"CREATE INDEX without a name (which IF NOT EXISTS needs) creates a second index"}
		case !is.GetIfNotExists():
			return []string{"CREATE INDEX " + convQuote(is.GetIdxname()) + " without IF NOT EXISTS"}
		}
	case n.GetCreateTableAsStmt() != nil:
		if !n.GetCreateTableAsStmt().GetIfNotExists() {
			return []string{"CREATE " + convKindWords(s.Kind) + " " + convQuoteQName(convRelName(p, n.GetCreateTableAsStmt().GetInto().GetRel())) + " without IF NOT EXISTS"}
		}
	case n.GetCreateSeqStmt() != nil:
		if !n.GetCreateSeqStmt().GetIfNotExists() {
			return []string{"CREATE SEQUENCE " + convQuoteQName(convRelName(p, n.GetCreateSeqStmt().GetSequence())) + " without IF NOT EXISTS"}
		}
	case n.GetCreateSchemaStmt() != nil:
		if !n.GetCreateSchemaStmt().GetIfNotExists() {
			return []string{"CREATE SCHEMA " + convQuote(n.GetCreateSchemaStmt().GetSchemaname()) + " without IF NOT EXISTS"}
		}
	case n.GetCreateExtensionStmt() != nil:
		if !n.GetCreateExtensionStmt().GetIfNotExists() {
			return []string{"CREATE EXTENSION " + convQuote(n.GetCreateExtensionStmt().GetExtname()) + " without IF NOT EXISTS"}
		}
	case n.GetViewStmt() != nil:
		if !n.GetViewStmt().GetReplace() {
			return []string{"CREATE VIEW " + convQuoteQName(convRelName(p, n.GetViewStmt().GetView())) + " without OR REPLACE"}
		}
	case n.GetCreateFunctionStmt() != nil:
		if !n.GetCreateFunctionStmt().GetReplace() {
			return []string{"CREATE " + convKindWords(s.Kind) + " without OR REPLACE"}
		}
	case n.GetCreateTrigStmt() != nil:
		if !n.GetCreateTrigStmt().GetReplace() && p.PGVersion >= 14 {
			return []string{"CREATE TRIGGER " + convQuote(n.GetCreateTrigStmt().GetTrigname()) + " without OR REPLACE"}
		}
	case n.GetDropStmt() != nil:
		if !n.GetDropStmt().GetMissingOk() {
			return []string{convKindWords(s.Kind) + " without IF EXISTS"}
		}
	case n.GetAlterTableStmt() != nil && n.GetAlterTableStmt().GetObjtype() == sqlparse.OBJECT_TABLE:
		return fragileAlterTable(p, s, n.GetAlterTableStmt())
	}
	return nil
}

// fragileAlterTable describes the subcommands of an ALTER TABLE that fail
// when run twice: ADD COLUMN, DROP COLUMN and DROP CONSTRAINT without their
// IF [NOT] EXISTS, and ADD CONSTRAINT (which has none) unless an earlier
// statement of the file drops the constraint with IF EXISTS.
func fragileAlterTable(p *review.Pass, s *review.Stmt, at *sqlparse.AlterTableStmt) []string {
	var out []string
	q := convRelName(p, at.GetRelation())
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case sqlparse.AT_AddColumn:
			if !cmd.GetMissingOk() {
				out = append(out, "ADD COLUMN "+convQuote(cmd.GetDef().GetColumnDef().GetColname())+" without IF NOT EXISTS")
			}
		case sqlparse.AT_DropColumn:
			if !cmd.GetMissingOk() {
				out = append(out, "DROP COLUMN "+convQuote(cmd.GetName())+" without IF EXISTS")
			}
		case sqlparse.AT_DropConstraint:
			if !cmd.GetMissingOk() {
				out = append(out, "DROP CONSTRAINT "+convQuote(cmd.GetName())+" without IF EXISTS")
			}
		case sqlparse.AT_AddConstraint:
			name := cmd.GetDef().GetConstraint().GetConname()
			switch {
			case name == "":
				out = append(out, "ADD CONSTRAINT without a name")
			case !droppedIfExists(p, s, q.Schema, q.Name, name):
				out = append(out, "ADD CONSTRAINT "+convQuote(name)+" not preceded by DROP CONSTRAINT IF EXISTS")
			}
		}
	}
	return out
}

// droppedIfExists reports whether a statement before s drops the constraint
// of the table with IF EXISTS.
func droppedIfExists(p *review.Pass, s *review.Stmt, schema, table, constraint string) bool {
	for _, o := range p.Stmts[:s.Index] {
		at := o.Node.GetAlterTableStmt()
		if at == nil {
			continue
		}
		if q := convRelName(p, at.GetRelation()); q.Schema != schema || q.Name != table {
			continue
		}
		for _, c := range at.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() == sqlparse.AT_DropConstraint && cmd.GetMissingOk() && cmd.GetName() == constraint {
				return true
			}
		}
	}
	return false
}

// convKindWords turns a statement kind (DROP_TABLE) into words (DROP TABLE).
func convKindWords(kind string) string {
	b := []byte(kind)
	for i, c := range b {
		if c == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}
