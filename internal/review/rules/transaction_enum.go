package rules

import (
	"slices"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// enumTx follows the enum labels added in the current transaction.
type enumTx struct {
	tx    int
	added map[string]addedLabel
}

// addedLabel is an enum label added by ALTER TYPE ... ADD VALUE.
type addedLabel struct {
	enum model.QName
	line int
}

var enumState perFile[enumTx]

// enumValueUsedBeforeCommit flags a statement that uses, as a string
// constant, an enum label that ALTER TYPE ... ADD VALUE added earlier in the
// same transaction block. Since PostgreSQL 12 the ADD VALUE itself may run
// in a block, but the new label cannot be used until the block commits
// (unless the type itself was created in the same transaction).
var enumValueUsedBeforeCommit = &review.Rule{
	ID:       "transaction.enum-value-used-before-commit",
	Category: review.CategoryTransaction,
	Summary:  "a new enum value is used in the transaction that added it with ALTER TYPE ... ADD VALUE",
	Why: "PostgreSQL rejects any use of an enum value added in the current transaction " +
		"(\"unsafe use of new value\") until the transaction commits, so the migration fails",
	Fix: "commit after ALTER TYPE ... ADD VALUE: put the statements using the new value in the next migration file",
	Bad: "ALTER TYPE order_status ADD VALUE 'archived';\n" +
		"UPDATE orders SET status = 'archived' WHERE closed_at < now() - interval '1 year';",
	Good: "ALTER TYPE order_status ADD VALUE 'archived';\n" +
		"-- next file --\nUPDATE orders SET status = 'archived' WHERE closed_at < now() - interval '1 year';",
	Level: diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := enumState.get(p)
		if start := txStart(p, s); st.added == nil || start != st.tx {
			st.tx, st.added = start, map[string]addedLabel{}
		}
		if !s.InTransaction || p.PGVersion < 12 {
			return // committed at once, or refused by PostgreSQL before 12
		}
		if ae := s.Node.GetAlterEnumStmt(); ae != nil {
			recordEnumValue(p, s, st, ae)
			return
		}
		if len(st.added) == 0 {
			return
		}
		label, ok := usedLabel(s.Node, st.added)
		if !ok {
			return
		}
		a := st.added[label]
		p.Report(s, "%s uses '%s', which was added to %s on line %d in the same transaction: "+
			"PostgreSQL rejects it (unsafe use of new value) until COMMIT", kindWords(s.Kind), label, txQName(a.enum), a.line)
	},
	End: func(p *review.Pass) { enumState.done(p) },
}

// recordEnumValue remembers the label an ADD VALUE adds, unless the enum was
// created in the same transaction or IF NOT EXISTS makes it a no-op.
func recordEnumValue(p *review.Pass, s *review.Stmt, st *enumTx, ae *sqlparse.AlterEnumStmt) {
	if ae.GetOldVal() != "" || ae.GetNewVal() == "" {
		return // RENAME VALUE
	}
	q, ok := typeQName(p, sqlparse.NameList(ae.GetTypeName()))
	if !ok || enumCreatedInTx(p, s, ae.GetTypeName()) {
		return
	}
	if e := p.Schema.Enum(q); e != nil && slices.Contains(e.Values, ae.GetNewVal()) {
		return // already there: IF NOT EXISTS skips it, and without it the ADD fails
	}
	if _, seen := st.added[ae.GetNewVal()]; !seen {
		st.added[ae.GetNewVal()] = addedLabel{enum: q, line: s.Line}
	}
}

// usedLabel returns the first string constant of the statement that is one
// of the added labels.
func usedLabel(n *sqlparse.Node, added map[string]addedLabel) (string, bool) {
	var found string
	sqlparse.InspectNodes(n, func(m *sqlparse.Node) bool {
		if found != "" {
			return false
		}
		if c := m.GetAConst(); c != nil && c.GetSval() != nil {
			if _, ok := added[c.GetSval().GetSval()]; ok {
				found = c.GetSval().GetSval()
			}
		}
		return found == ""
	})
	return found, found != ""
}
