package rules

import (
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// heldLock is a lock taken earlier in the current transaction.
type heldLock struct {
	line int
	mode string
	// notValid names the constraints the statement added with NOT VALID;
	// "" stands for an unnamed one.
	notValid []string
}

// txLocks follows the locks held in the current transaction of a file.
type txLocks struct {
	tx   int // txStart of the current transaction
	held map[model.QName]*heldLock
	// validates is set once the file is known to hold a VALIDATE
	// CONSTRAINT (1) or none (-1); 0 before the first statement.
	validates int8
}

// hasValidate reports whether a statement of the file validates a
// constraint: without one, nothing the rule follows can be reported.
func hasValidate(stmts []*review.Stmt) bool {
	for _, s := range stmts {
		for _, c := range s.Node.GetAlterTableStmt().GetCmds() {
			if c.GetAlterTableCmd().GetSubtype() == sqlparse.AT_ValidateConstraint {
				return true
			}
		}
	}
	return false
}

// enter resets the state when s starts a new transaction.
func (t *txLocks) enter(p *review.Pass, s *review.Stmt) {
	if start := txStart(p, s); t.held == nil || start != t.tx {
		t.tx, t.held = start, map[model.QName]*heldLock{}
	}
}

var validateState perFile[txLocks]

// validateSameTransaction flags VALIDATE CONSTRAINT in the transaction that
// added the constraint NOT VALID, or that already took a lock blocking
// writes on the table: the validation scan then runs while that lock is
// held, which is what NOT VALID was meant to avoid.
var validateSameTransaction = &review.Rule{
	ID:       "constraint.validate-same-transaction",
	Category: review.CategoryTransaction,
	Summary:  "VALIDATE CONSTRAINT in the same transaction as the NOT VALID add, or after another strong lock on the table",
	Why: "locks are held until COMMIT: the validation scan runs while the ACCESS EXCLUSIVE (CHECK) or SHARE ROW " +
		"EXCLUSIVE (FOREIGN KEY) lock of the ADD is still held, so NOT VALID gained nothing",
	Fix: "commit between the two: ADD ... NOT VALID in one migration file, VALIDATE CONSTRAINT in the next",
	Bad: "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n" +
		"ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
	Good: "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n" +
		"-- next file --\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
	Level: diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := validateState.get(p)
		if st.validates == 0 {
			st.validates = -1
			if hasValidate(p.Stmts) {
				st.validates = 1
			}
		}
		if st.validates < 0 {
			return // the rule reports VALIDATE CONSTRAINT only
		}
		st.enter(p, s)
		if at := s.Node.GetAlterTableStmt(); at != nil {
			checkValidate(p, s, st, at)
		}
		recordLocks(p, s, st)
	},
	End: func(p *review.Pass) { validateState.done(p) },
}

// checkValidate reports the VALIDATE CONSTRAINT subcommands of at that run
// under a lock taken earlier in the transaction, or in the same statement
// after ADD ... NOT VALID.
func checkValidate(p *review.Pass, s *review.Stmt, st *txLocks, at *sqlparse.AlterTableStmt) {
	q := txRel(p, at.GetRelation())
	if !p.Existing(q) {
		return
	}
	var added []string // NOT VALID constraints added earlier in this statement
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case sqlparse.AT_AddConstraint:
			if con := cmd.GetDef().GetConstraint(); con.GetSkipValidation() {
				added = append(added, con.GetConname())
			}
		case sqlparse.AT_ValidateConstraint:
			name := cmd.GetName()
			switch h := st.held[q]; {
			case namesConstraint(added, name):
				p.Report(s, "VALIDATE CONSTRAINT %s on %s in the statement that adds it NOT VALID: "+
					"the validation scan runs under the ADD's lock", txIdent(name), txQName(q))
			case h != nil && s.InTransaction && namesConstraint(h.notValid, name):
				p.Report(s, "VALIDATE CONSTRAINT %s on %s runs in the same transaction as its NOT VALID add on line %d: "+
					"the scan runs while that %s lock is held", txIdent(name), txQName(q), h.line, h.mode)
			case h != nil && s.InTransaction:
				p.Report(s, "VALIDATE CONSTRAINT %s on %s runs in the transaction that took %s on it on line %d: "+
					"the scan runs while that lock is held", txIdent(name), txQName(q), h.mode, h.line)
			default:
				continue
			}
			return
		}
	}
}

// namesConstraint reports whether the list of added constraints holds name,
// an unnamed constraint counting as any name.
func namesConstraint(added []string, name string) bool {
	for _, a := range added {
		if a == "" || a == name {
			return true
		}
	}
	return false
}

// recordLocks remembers the write-blocking locks s takes on existing
// relations, and the NOT VALID constraints it adds.
func recordLocks(p *review.Pass, s *review.Stmt, st *txLocks) {
	for _, l := range stmtLocks(p, s) {
		if !l.BlocksWrites() || !p.Existing(l.Relation) {
			continue
		}
		h := st.held[l.Relation]
		if h == nil {
			h = &heldLock{line: s.Line, mode: l.Mode}
			st.held[l.Relation] = h
		} else if LockRank(l.Mode) > LockRank(h.mode) {
			h.line, h.mode = s.Line, l.Mode
		}
	}
	at := s.Node.GetAlterTableStmt()
	if at == nil {
		return
	}
	h := st.held[txRel(p, at.GetRelation())]
	if h == nil {
		return
	}
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		if con := cmd.GetDef().GetConstraint(); cmd.GetSubtype() == sqlparse.AT_AddConstraint && con.GetSkipValidation() {
			h.notValid = append(h.notValid, con.GetConname())
			h.line = s.Line
		}
	}
}
