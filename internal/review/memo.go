package review

// memoEntry is one remembered value of Stmt.Memo or Pass.Cache.
type memoEntry struct {
	key, val any
}

// lookup returns the value remembered for key.
func lookup(entries []memoEntry, key any) (any, bool) {
	for _, e := range entries {
		if e.key == key {
			return e.val, true
		}
	}
	return nil, false
}

// Memo returns what compute returns for the statement, computed once for
// all the rules that ask while the schema model stays as it is: from the
// first Stmt callback on the statement to the last, or during the End
// callbacks. Rules that derive the same facts from a statement (the
// constraints it declares, the columns it types, the locks it takes) share
// them this way instead of each deriving them again.
//
// key names the fact: a comparable value, best of an unexported type of the
// caller's package. compute must depend only on the statement and on the
// schema model (and the file's runner and version), never on the asking
// rule or its options; callers must not change the value. Outside a review
// (a Stmt built by hand) compute runs on every call.
func (s *Stmt) Memo(key any, compute func() any) any {
	if s.clock == nil {
		return compute()
	}
	if s.memoAt != *s.clock {
		s.memo, s.memoAt = s.memo[:0], *s.clock
	}
	if s.memo == nil {
		s.memo = s.memoBuf[:0] // the facts rules share: few
	}
	if v, ok := lookup(s.memo, key); ok {
		return v
	}
	v := compute()
	s.memo = append(s.memo, memoEntry{key, v})
	return v
}

// Cache returns what compute returns for the rule, computed once for the
// whole review for each set of options the rule runs with: for what a rule
// derives from its options alone (a set built from a list option, a compiled
// pattern), which would otherwise be built again for every statement.
//
// key names the value, as for Stmt.Memo; compute must depend only on the
// rule's options, and callers must not change the value.
func (p *Pass) Cache(key any, compute func() any) any {
	if p.inst == nil {
		return compute()
	}
	if v, ok := lookup(p.inst.cache, key); ok {
		return v
	}
	v := compute()
	p.inst.cache = append(p.inst.cache, memoEntry{key, v})
	return v
}

// State returns the rule's state for the file under review, which init
// creates on first use: what a rule gathers statement by statement and
// decides on in its End callback. key names the state, as for Stmt.Memo;
// the state ends with the file.
func (p *Pass) State(key any, init func() any) any {
	if v, ok := lookup(p.state, key); ok {
		return v
	}
	v := init()
	p.state = append(p.state, memoEntry{key, v})
	return v
}
