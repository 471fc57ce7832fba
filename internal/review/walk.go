package review

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// walk runs the rule instances over the statements of a parsed file,
// advancing schema statement by statement.
func (c *Catalog) walk(path string, f *sqlparse.File, schema *model.Schema, set *instanceSet, opts Options) []rawFinding {
	stmts, wrapped := execContext(f, opts)
	// clock advances whenever the schema changes, which ends the
	// statements' memos (Stmt.Memo).
	clock := new(int)
	for _, s := range stmts {
		s.clock = clock
	}
	shared := &Pass{Path: path, File: f, Stmts: stmts, Schema: schema, Runner: opts.Runner, Wrapped: wrapped,
		PGVersion: opts.PGVersion, Live: opts.Live, Facts: opts.Facts, ctx: opts.ctx, created: map[model.QName]int{}, filled: map[model.QName]bool{}, block: map[model.QName]bool{}}
	// Size the findings as the files before gave, growing them step by
	// step copied them over and over.
	sink := &findingSink{out: make([]rawFinding, 0, len(stmts)*set.findings/max(set.stmts, 1)+4)}
	// The passes are reused from file to file.
	passes := set.passes
	for i, in := range set.insts {
		passes[i] = *shared
		passes[i].rule, passes[i].options, passes[i].inst, passes[i].sink = in.rule, in.options, in, sink
	}
	if wrapped {
		schema.BeginImplicit()
	}
	for i, s := range stmts {
		if opts.Observe != nil {
			opts.Observe(shared, s)
		}
		sink.stmt = i
		for _, k := range set.forType(sqlparse.TypeOf(s.Node)) {
			p := &passes[k]
			p.rule.Stmt(p, s)
		}
		track(shared, s)
		schema.Apply(s.Statement)
		*clock++
	}
	if wrapped {
		schema.EndImplicit()
		*clock++
	}
	fromEnd := len(sink.out)
	for _, k := range set.end {
		p := &passes[k]
		p.rule.End(p)
	}
	for i := fromEnd; i < len(sink.out); i++ {
		sink.out[i].stmt = stmtAtLine(stmts, sink.out[i].Line)
	}
	set.findings, set.stmts = set.findings+len(sink.out), set.stmts+len(stmts)
	// The next file runs in a new session: its search_path and temporary
	// tables start afresh, as when history files are replayed.
	schema.EndSession()
	return sink.out
}

// track records which relations the file created and filled with rows.
// The maps are shared by every pass of the file.
func track(p *Pass, s *Stmt) {
	n := s.Node
	if !p.Wrapped {
		// Tables created inside an explicit BEGIN ... COMMIT block are
		// committed, visible and usable by others once the block ends:
		// later statements treat them as existing.
		switch {
		case s.Kind == "COMMIT" && s.InTransaction:
			for q := range p.block {
				p.filled[q] = true
			}
			clear(p.block)
		case s.Kind == "ROLLBACK":
			clear(p.block)
		}
	}
	switch {
	case n.GetCreateStmt() != nil || n.GetCreateForeignTableStmt() != nil:
		rv := n.GetCreateStmt().GetRelation()
		if rv == nil {
			rv = n.GetCreateForeignTableStmt().GetBaseStmt().GetRelation()
		}
		q := p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
		if p.Schema.Relation(q) == nil {
			p.created[q] = s.Index
			if s.InTransaction && !p.Wrapped {
				p.block[q] = true
			}
		}
	case n.GetCreateSchemaStmt() != nil:
		// CREATE SCHEMA s CREATE TABLE t ...: the elements are created in
		// the new schema, like separate CREATE statements.
		cs := n.GetCreateSchemaStmt()
		name := cs.GetSchemaname()
		if name == "" {
			name = cs.GetAuthrole().GetRolename()
		}
		for _, elt := range cs.GetSchemaElts() {
			var rv *sqlparse.RangeVar
			switch {
			case elt.GetCreateStmt() != nil:
				rv = elt.GetCreateStmt().GetRelation()
			case elt.GetCreateSeqStmt() != nil:
				rv = elt.GetCreateSeqStmt().GetSequence()
			case elt.GetViewStmt() != nil:
				rv = elt.GetViewStmt().GetView()
			default:
				continue
			}
			q := model.QName{Schema: name, Name: rv.GetRelname()}
			if p.Schema.Relation(q) == nil {
				p.created[q] = s.Index
				if s.InTransaction && !p.Wrapped {
					p.block[q] = true
				}
			}
		}
	case n.GetCreateSeqStmt() != nil:
		rv := n.GetCreateSeqStmt().GetSequence()
		q := p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
		if p.Schema.Relation(q) == nil {
			p.created[q] = s.Index
			if s.InTransaction && !p.Wrapped {
				p.block[q] = true
			}
		}
	case n.GetRenameStmt() != nil && n.GetRenameStmt().GetRelation() != nil:
		// A relation created here keeps being new under its new name.
		r := n.GetRenameStmt()
		switch r.GetRenameType() {
		case sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW,
			sqlparse.OBJECT_SEQUENCE, sqlparse.OBJECT_FOREIGN_TABLE:
			rv := r.GetRelation()
			q := p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
			p.moveCreated(q, model.QName{Schema: q.Schema, Name: r.GetNewname()})
		}
	case n.GetAlterObjectSchemaStmt() != nil && n.GetAlterObjectSchemaStmt().GetRelation() != nil:
		a := n.GetAlterObjectSchemaStmt()
		rv := a.GetRelation()
		q := p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
		p.moveCreated(q, model.QName{Schema: a.GetNewschema(), Name: q.Name})
	case n.GetViewStmt() != nil:
		rv := n.GetViewStmt().GetView()
		q := p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
		if p.Schema.Relation(q) == nil {
			p.created[q] = s.Index
		}
	case n.GetCreateTableAsStmt() != nil:
		rv := n.GetCreateTableAsStmt().GetInto().GetRel()
		q := p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
		p.created[q] = s.Index
		if !n.GetCreateTableAsStmt().GetInto().GetSkipData() {
			p.filled[q] = true
		}
	case n.GetInsertStmt() != nil:
		rv := n.GetInsertStmt().GetRelation()
		p.filled[p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())] = true
	case n.GetCopyStmt() != nil && n.GetCopyStmt().GetIsFrom():
		rv := n.GetCopyStmt().GetRelation()
		p.filled[p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())] = true
	}
}

// moveCreated follows a relation created in the file to its new name
// (RENAME TO, SET SCHEMA).
func (p *Pass) moveCreated(from, to model.QName) {
	i, ok := p.created[from]
	if !ok || from == to {
		return
	}
	p.created[to], p.filled[to], p.block[to] = i, p.filled[from], p.block[from]
	delete(p.created, from)
	delete(p.filled, from)
	delete(p.block, from)
}

func stmtAtLine(stmts []*Stmt, line int) int {
	// The statements follow each other: their last lines never decrease,
	// so the first one ending at or after line is the only candidate.
	i := sort.Search(len(stmts), func(i int) bool { return stmts[i].EndLine >= line })
	if i < len(stmts) && stmts[i].Line <= line {
		return i
	}
	return -1
}

// execContext works out how each statement runs: inside a transaction block or
// not, and whether lock_timeout and statement_timeout are set. wrapped is
// true when the runner wraps the whole file in one transaction.
func execContext(f *sqlparse.File, opts Options) ([]*Stmt, bool) {
	noTx, lockOff, lockSet, stmtSet := false, false, false, false
	for _, d := range f.Directives {
		switch d.Name {
		case sqlparse.DirectiveNoTransaction:
			noTx = true
		case sqlparse.DirectiveLockTimeout:
			lockSet = len(d.Args) > 0 && !zeroDuration(d.Args[0])
			lockOff = !lockSet
		case sqlparse.DirectiveStatementTimeout:
			stmtSet = len(d.Args) > 0 && !zeroDuration(d.Args[0])
		}
	}
	for _, s := range f.Statements {
		if s.NoTransaction || s.Class == sqlparse.TxControl {
			noTx = true
		}
	}
	dbcd := opts.Runner == RunnerDBCD
	wrapped := dbcd && !noTx
	st := timeoutState{
		lockDefault: dbcd && !lockOff,
		stmtDefault: dbcd && stmtSet,
	}
	st.lock, st.stmt = st.lockDefault, st.stmtDefault
	inTx := wrapped
	out := make([]*Stmt, len(f.Statements))
	for i := range f.Statements {
		s := &f.Statements[i]
		out[i] = &Stmt{Statement: s, Index: i, InTransaction: inTx, LockTimeout: st.lock, StatementTimeout: st.stmt}
		switch s.Kind {
		case "BEGIN":
			if !inTx {
				st.begin()
			}
			inTx = true
		case "COMMIT", "ROLLBACK", "PREPARE_TRANSACTION":
			if !wrapped && inTx {
				st.endTx(s.Kind == "ROLLBACK")
				// COMMIT AND CHAIN and ROLLBACK AND CHAIN open a new
				// transaction at once.
				inTx = s.Node.GetTransactionStmt().GetChain()
				if inTx {
					st.begin()
				}
			}
		}
		st.apply(s, inTx)
	}
	return out, wrapped
}

// timeoutState follows SET/RESET of lock_timeout and statement_timeout.
type timeoutState struct {
	lockDefault, stmtDefault bool
	lock, stmt               bool
	// local values set with SET LOCAL end with the transaction.
	lockSaved, stmtSaved *bool
	// lockBegin and stmtBegin are the values when the explicit transaction
	// block began: ROLLBACK undoes plain SETs made inside it too.
	lockBegin, stmtBegin bool
}

// begin records the values at the start of an explicit transaction block.
func (t *timeoutState) begin() {
	t.lockBegin, t.stmtBegin = t.lock, t.stmt
}

// endTx ends a transaction block: SET LOCAL values end, and a rollback
// also undoes the SETs made in the block.
func (t *timeoutState) endTx(rollback bool) {
	if t.lockSaved != nil {
		t.lock, t.lockSaved = *t.lockSaved, nil
	}
	if t.stmtSaved != nil {
		t.stmt, t.stmtSaved = *t.stmtSaved, nil
	}
	if rollback {
		t.lock, t.stmt = t.lockBegin, t.stmtBegin
	}
}

var setConfig = regexp.MustCompile(`(?i)set_config\s*\(\s*'(lock_timeout|statement_timeout)'\s*,\s*'([^']*)'\s*,\s*(true|false)`)

// matchSetConfig is setConfig.FindStringSubmatch(text), without running
// the regular expression on the statements (nearly all) that do not
// contain "_config": the letters of "_config" have no case variants
// outside ASCII, so an ASCII case-insensitive search finds every match.
func matchSetConfig(text string) []string {
	for i := strings.IndexByte(text, '_'); i >= 0; {
		if len(text)-i >= len("_config") && strings.EqualFold(text[i:i+len("_config")], "_config") {
			return setConfig.FindStringSubmatch(text)
		}
		j := strings.IndexByte(text[i+1:], '_')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return nil
}

func (t *timeoutState) apply(s *sqlparse.Statement, inTx bool) {
	if s.Kind == "DISCARD" && s.Node.GetDiscardStmt().GetTarget().String() == "DISCARD_ALL" {
		// DISCARD ALL runs RESET ALL.
		t.lock, t.stmt = t.lockDefault, t.stmtDefault
		return
	}
	// set_config in the body of a function created here does not run now.
	if m := matchSetConfig(s.Text); m != nil && s.Class != sqlparse.DDL {
		t.set(m[1], !zeroDuration(m[2]), strings.EqualFold(m[3], "true"), inTx, false)
		return
	}
	vs := s.Node.GetVariableSetStmt()
	if vs == nil {
		return
	}
	name := strings.ToLower(vs.GetName())
	reset := vs.GetKind() != sqlparse.VarSetValue
	on := false
	if !reset {
		on = true
		for _, a := range vs.GetArgs() {
			if zeroDuration(sqlparse.ConstString(a)) {
				on = false
			}
		}
	}
	if reset && name == "" { // RESET ALL
		t.lock, t.stmt = t.lockDefault, t.stmtDefault
		return
	}
	t.set(name, on, vs.GetIsLocal(), inTx, reset)
}

func (t *timeoutState) set(name string, on, local, inTx, reset bool) {
	var cur, def *bool
	var saved **bool
	switch name {
	case "lock_timeout":
		cur, def, saved = &t.lock, &t.lockDefault, &t.lockSaved
	case "statement_timeout":
		cur, def, saved = &t.stmt, &t.stmtDefault, &t.stmtSaved
	default:
		return
	}
	if reset {
		on = *def
	}
	if local {
		if !inTx {
			return // SET LOCAL outside a transaction block changes nothing
		}
		if *saved == nil {
			v := *cur
			*saved = &v
		}
	}
	*cur = on
}

// zeroDuration reports whether a timeout value ("0", '0s', "0 ms") turns
// the timeout off.
func zeroDuration(v string) bool {
	v = strings.ToLower(strings.Trim(strings.TrimSpace(v), "'\" "))
	num := strings.TrimRight(v, "abcdefghijklmnopqrstuvwxyz ")
	f, err := strconv.ParseFloat(num, 64)
	return err == nil && f == 0
}
