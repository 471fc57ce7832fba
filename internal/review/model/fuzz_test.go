package model

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/sqlparse"
	"github.com/google/go-cmp/cmp"
)

// checkInvariants fails the test when s is inconsistent: every object is
// filed under its own name, every index belongs to its table and is the one
// filed under its name, index-backed constraints have their index, foreign
// keys are filed under the table they reference, and a clone equals the
// original.
func checkInvariants(t *testing.T, s *Schema) {
	t.Helper()
	for q, r := range s.relations {
		if r.Name != q {
			t.Errorf("relation %v filed under %v", r.Name, q)
		}
		if p := r.PartitionOf; p != nil && (s.relations[*p] == nil || s.relations[*p].Kind != KindPartitioned) {
			t.Errorf("%v is a partition of %v, which is not a partitioned table", q, *p)
		}
		for steps, a := 0, r; a.PartitionOf != nil && s.relations[*a.PartitionOf] != nil; steps++ {
			if a = s.relations[*a.PartitionOf]; a == r || steps > len(s.relations) {
				t.Fatalf("%v is its own ancestor", q)
			}
		}
		for _, idx := range r.Indexes {
			if s.indexes[idx.Name] != idx || idx.Table != q {
				t.Errorf("index %v of %v is not filed (table %v)", idx.Name, q, idx.Table)
			}
		}
		for _, c := range r.Constraints {
			if c.Type == ConPrimary || c.Type == ConUnique || c.Type == ConExclusion {
				if idx := s.indexes[QName{q.Schema, c.Index}]; idx == nil || idx.Table != q {
					t.Errorf("constraint %s of %v has no index %q", c.Name, q, c.Index)
				}
			}
			if c.Type == ConForeign && c.RefTable == nil {
				t.Errorf("foreign key %s of %v references nothing", c.Name, q)
			}
			if c.Type == ConForeign && c.RefTable != nil && s.fkRefs[*c.RefTable][c] != r {
				t.Errorf("foreign key %s of %v is not filed under %v", c.Name, q, *c.RefTable)
			}
		}
	}
	for q, idx := range s.indexes {
		if idx.Name != q || s.relations[idx.Table] == nil || !slices.Contains(s.relations[idx.Table].Indexes, idx) {
			t.Errorf("index %v (filed as %v) is not an index of table %v", idx.Name, q, idx.Table)
		}
	}
	for q, e := range s.enums {
		if e.Name != q {
			t.Errorf("enum %v filed under %v", e.Name, q)
		}
	}
	for q, d := range s.domains {
		if d.Name != q || len(d.Checks) != len(d.CheckNames) {
			t.Errorf("domain %v filed under %v with %d checks and %d names", d.Name, q, len(d.Checks), len(d.CheckNames))
		}
	}
	for q, fs := range s.functions {
		for _, f := range fs {
			if f.Name != q {
				t.Errorf("function %v filed under %v", f.Name, q)
			}
		}
	}
	c := s.Clone()
	for _, r := range c.relations {
		for _, con := range r.Constraints {
			if con.Type == ConForeign && c.fkRefs[*con.RefTable][con] != r {
				t.Errorf("foreign key %s of %v is not filed under %v in a clone", con.Name, r.Name, *con.RefTable)
			}
		}
	}
	if diff := cmp.Diff(s.Relations(), c.Relations()); diff != "" {
		t.Errorf("clone differs (-orig +clone):\n%s", diff)
	}
	if diff := cmp.Diff(names(s), names(c)); diff != "" {
		t.Errorf("clone differs (-orig +clone):\n%s", diff)
	}
}

// parseForFuzz parses src for a fuzz test. An input on which sqlparse.Parse
// itself panics is skipped, so that fuzzing goes on exploring this package;
// such panics are bugs of sqlparse, which its own FuzzParse looks for.
func parseForFuzz(t *testing.T, src string) (f *sqlparse.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			t.Skipf("sqlparse.Parse panics on %q: %v", src, r)
		}
	}()
	return sqlparse.Parse("fuzz.sql", []byte(src))
}

// fuzzSeeds returns the test files of the package, whole and statement by
// statement.
func fuzzSeeds(t testing.TB) []string {
	var seeds []string
	for _, name := range []string{"testdata/replay.sql", "testdata/latest.sql"} {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, string(src))
		seeds = append(seeds, strings.Split(string(src), ";\n")...)
	}
	return seeds
}

func TestReplayInvariants(t *testing.T) {
	src, err := os.ReadFile("testdata/replay.sql")
	if err != nil {
		t.Fatal(err)
	}
	s := build(t, string(src))
	checkInvariants(t, s)
	if s.Relation(QName{"application", "employee"}) == nil || s.Relation(pub("logs")) == nil {
		t.Errorf("replay.sql did not leave application.employee and public.logs: %v", names(s))
	}
	s.EndSession()
	checkInvariants(t, s)
}

// FuzzApply checks that replaying any statements that parse never panics
// and leaves a consistent model. Statements are applied without Apply's
// recover, so that a panic fails the fuzz test.
func FuzzApply(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// The fuzzing engine does not notice an input that never ends:
		// crash, so that it reports the input.
		defer time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("replay of %q takes over 10s", src)) }).Stop()
		file, err := parseForFuzz(t, src)
		if err != nil {
			return
		}
		s := New()
		// Twice: the second round meets every object already there.
		for range 2 {
			for _, st := range file.Statements {
				s.apply(st.Node)
			}
		}
		checkInvariants(t, s)
		s.EndSession()
		checkInvariants(t, s)
	})
}
