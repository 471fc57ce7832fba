package pgschema

import (
	"container/heap"
)

// order returns the definitions with every one after those it depends on
// (pg_depend, mapped to definitions, plus the builder's extra edges), and
// among those free to go next the least by rank and name. A dependency
// cycle is broken by taking the least remaining definition, which keeps
// the output stable even then.
func (b *builder) order() []*definition {
	needs := map[*definition]map[*definition]bool{}
	addEdge := func(from, to *definition) {
		if from == nil || to == nil || from == to || b.skip[[2]*definition{from, to}] {
			return
		}
		if needs[from] == nil {
			needs[from] = map[*definition]bool{}
		}
		needs[from][to] = true
	}
	for _, d := range b.cat.depends {
		addEdge(b.resolve(oidKey{d.ClassOID, d.ObjOID}), b.resolve(oidKey{d.RefClass, d.RefOID}))
	}
	for _, e := range b.extra {
		addEdge(e[0], e[1])
	}
	waiting := map[*definition]int{}
	dependents := map[*definition][]*definition{}
	for from, tos := range needs {
		waiting[from] = len(tos)
		for to := range tos {
			dependents[to] = append(dependents[to], from)
		}
	}
	ready := &defHeap{}
	for _, d := range b.defs {
		if waiting[d] == 0 {
			ready.items = append(ready.items, d)
		}
	}
	heap.Init(ready)
	done := map[*definition]bool{}
	out := make([]*definition, 0, len(b.defs))
	for len(out) < len(b.defs) {
		var next *definition
		if ready.Len() > 0 {
			next = heap.Pop(ready).(*definition)
		} else {
			next = b.leastRemaining(done)
		}
		if done[next] {
			continue
		}
		done[next] = true
		for to := range needs[next] {
			next.deps = append(next.deps, to)
		}
		out = append(out, next)
		for _, dep := range dependents[next] {
			waiting[dep]--
			if waiting[dep] == 0 && !done[dep] {
				heap.Push(ready, dep)
			}
		}
	}
	return out
}

// leastRemaining breaks a dependency cycle.
func (b *builder) leastRemaining(done map[*definition]bool) *definition {
	var least *definition
	for _, d := range b.defs {
		if !done[d] && (least == nil || d.less(least)) {
			least = d
		}
	}
	return least
}

// defHeap is a min-heap of definitions by (rank, name, kind).
type defHeap struct{ items []*definition }

func (h *defHeap) Len() int           { return len(h.items) }
func (h *defHeap) Less(i, j int) bool { return h.items[i].less(h.items[j]) }
func (h *defHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *defHeap) Push(x any)         { h.items = append(h.items, x.(*definition)) }
func (h *defHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}
