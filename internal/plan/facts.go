package plan

import (
	"context"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/review/rules"
	"github.com/dbcd/dbcd/internal/source"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Statement is what plan knows of one statement of a pending file before
// it runs: its kind, the table it changes and the locks it takes.
type Statement struct {
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Kind   string `json:"kind"`
	// Class is "ddl", "dml", "transaction" or "utility".
	Class string `json:"class"`
	// Table is the schema-qualified table the statement changes or reads
	// first, "" when none.
	Table string `json:"table,omitempty"`
	Locks []Lock `json:"locks,omitempty"`
	// SQL is the statement's text, for EXPLAIN; not reported.
	SQL   string `json:"-"`
	table model.QName
}

// Lock is a table-level lock a statement takes on a relation that exists
// before the file (locks on objects the file itself created and has not
// filled harm no one).
type Lock struct {
	Relation string `json:"relation"`
	Mode     string `json:"mode"`
	// Rewrite: every row is copied while the lock is held; Scan: the whole
	// relation is read while it is held.
	Rewrite bool `json:"rewrite,omitempty"`
	Scan    bool `json:"scan,omitempty"`
	// BlocksWrites and BlocksReads say what application traffic waits.
	BlocksWrites bool `json:"blocks_writes,omitempty"`
	BlocksReads  bool `json:"blocks_reads,omitempty"`
}

// Strongest returns the strongest lock of the statements, and whether any
// of them rewrites or scans a table under it.
func Strongest(stmts []Statement) (mode string, rewrite, scan bool) {
	for _, s := range stmts {
		for _, l := range s.Locks {
			if rules.LockRank(l.Mode) > rules.LockRank(mode) {
				mode = l.Mode
			}
			rewrite = rewrite || l.Rewrite
			scan = scan || l.Scan
		}
	}
	return mode, rewrite, scan
}

// Reviewed is the review of a stage's files together with the statement
// facts of each reviewed file.
type Reviewed struct {
	Result *review.Result
	// Statements maps a file path to its statements.
	Statements map[string][]Statement
}

// Review reviews the selected files of tree as ReviewTree does and records,
// statement by statement, what plan shows and risk rules see.
func Review(ctx context.Context, cat *review.Catalog, tree *source.Tree, sel review.Selection, opts review.Options) (*Reviewed, error) {
	out := &Reviewed{Statements: map[string][]Statement{}}
	opts.Observe = func(p *review.Pass, s *review.Stmt) {
		out.Statements[p.Path] = append(out.Statements[p.Path], fact(p, s))
	}
	res, err := cat.ReviewTree(ctx, tree, sel, opts)
	if err != nil {
		return nil, err
	}
	out.Result = res
	return out, nil
}

func fact(p *review.Pass, s *review.Stmt) Statement {
	st := Statement{Line: s.Line, Column: s.Column, Kind: s.Kind, Class: s.Class.String(), SQL: s.Text}
	locks := rules.LockOfVersion(s, p.Schema, p.PGVersion)
	for _, l := range locks {
		if !p.Existing(l.Relation) {
			continue
		}
		name := l.Relation.String()
		if l.Index != (model.QName{}) && l.Index != l.Relation {
			name += " (index " + l.Index.Name + ")"
		}
		st.Locks = append(st.Locks, Lock{Relation: name, Mode: l.Mode, Rewrite: l.Rewrite, Scan: l.Scan,
			BlocksWrites: l.BlocksWrites(), BlocksReads: l.BlocksReads()})
	}
	switch {
	case len(locks) > 0:
		st.table = locks[0].Relation
	case s.Class == sqlparse.DDL || s.Class == sqlparse.DML:
		if refs := sqlparse.RelationRefs(s.Node); len(refs) > 0 {
			schema, name := sqlparse.RangeVarName(refs[0])
			st.table = model.QName{Schema: schema, Name: name}
		}
	}
	st.Table = st.table.String()
	return st
}
