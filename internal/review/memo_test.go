package review

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

// TestMemoCacheState checks the lifetimes of what rules share and keep: a
// statement's memo lasts while the schema stands still (across the rules
// of one statement, and through the End callbacks), a rule instance's
// cache the whole review, and a pass's state one file.
func TestMemoCacheState(t *testing.T) {
	type memoKey struct{}
	type cacheKey struct{}
	type stateKey struct{}
	var memos, caches int
	var events []string
	memo := func(s *Stmt) int {
		return s.Memo(memoKey{}, func() any { memos++; return s.Index }).(int)
	}
	stmtRule := func(id string) *Rule {
		return &Rule{ID: id, Category: CategoryConvention, Summary: "s", Why: "w", Fix: "f",
			Stmt: func(p *Pass, s *Stmt) {
				if memo(s) != s.Index {
					t.Errorf("memo of statement %d is %d", s.Index, memo(s))
				}
				p.Cache(cacheKey{}, func() any { caches++; return nil })
				n := p.State(stateKey{}, func() any { return new(int) }).(*int)
				*n++
			},
			End: func(p *Pass) {
				n := p.State(stateKey{}, func() any { return new(int) }).(*int)
				events = append(events, fmt.Sprintf("%s %s: %d statements", id, p.Path, *n))
				for _, s := range p.Stmts {
					memo(s)
				}
			}}
	}
	c, err := NewCatalog(stmtRule("test.a"), stmtRule("test.b"))
	if err != nil {
		t.Fatal(err)
	}
	pol := &Policy{Name: "p", Gate: diag.Error, Rules: map[string]Setting{"test.a": {Level: diag.Warning}, "test.b": {Level: diag.Warning}}}
	run(t, c, pol, Options{}, "SELECT 1; SELECT 2; SELECT 3;", "SELECT 4;")
	want := []string{
		"test.a f0.sql: 3 statements", "test.b f0.sql: 3 statements",
		"test.a f1.sql: 1 statements", "test.b f1.sql: 1 statements",
	}
	if diff := cmp.Diff(want, events); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	// Each statement once while its rules run, and once more in End,
	// where both rules share it.
	if memos != 2*4 {
		t.Errorf("memos computed %d times, want %d", memos, 2*4)
	}
	if caches != 2 {
		t.Errorf("caches computed %d times, want one per rule instance (2)", caches)
	}
	s := &Stmt{}
	n := 0
	for range 2 {
		s.Memo(memoKey{}, func() any { n++; return nil })
	}
	if n != 2 {
		t.Errorf("a statement outside a review computed its memo %d times, want every time (2)", n)
	}
}
