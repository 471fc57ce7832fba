package review

import (
	"slices"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// instanceCache remembers the rule instances of each set of policies during
// a review: the files reached by the same stages share them, instead of
// building them again (with a string key per rule) for every file.
type instanceCache struct {
	c           *Catalog
	opts        Options
	liveSkipped map[string]bool
	sets        []*instanceSet
}

// instanceSet is the rule instances that run on the files of one set of
// policies.
type instanceSet struct {
	pols  []*Policy
	insts []*instance
	// stmt and end index the instances with a Stmt and an End callback.
	stmt, end []int
	// byType indexes, for each node type met so far, the instances whose
	// Stmt looks at statements of that type (Rule.Nodes), in stmt's order.
	byType map[sqlparse.NodeType][]int
	// passes are the instances' passes, reused from file to file.
	passes []Pass
	// findings and stmts count what the files reviewed so far gave, to
	// size the findings of the next one.
	findings, stmts int
}

// get returns the instances of c.instances(pols, ...). They are shared:
// callers must not change them.
func (ic *instanceCache) get(pols []*Policy) *instanceSet {
	for _, e := range ic.sets {
		if slices.Equal(e.pols, pols) {
			return e
		}
	}
	set := &instanceSet{pols: slices.Clone(pols), insts: ic.c.instances(pols, ic.opts, ic.liveSkipped)}
	for i, in := range set.insts {
		if in.rule.Stmt != nil {
			set.stmt = append(set.stmt, i)
		}
		if in.rule.End != nil {
			set.end = append(set.end, i)
		}
	}
	set.passes = make([]Pass, len(set.insts))
	set.byType = map[sqlparse.NodeType][]int{}
	ic.sets = append(ic.sets, set)
	return set
}

// forType returns the instances whose Stmt looks at statements of type t.
func (set *instanceSet) forType(t sqlparse.NodeType) []int {
	if ks, ok := set.byType[t]; ok {
		return ks
	}
	var ks []int
	for _, k := range set.stmt {
		if nodes := set.insts[k].rule.Nodes; nodes == nil || slices.ContainsFunc(nodes, func(n string) bool {
			nt, _ := sqlparse.NodeTypeNamed(n)
			return nt == t
		}) {
			ks = append(ks, k)
		}
	}
	set.byType[t] = ks
	return ks
}
