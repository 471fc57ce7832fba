package sqlparse

//go:generate go run ./internal/walkgen

// The walkers of the parse tree (Walk, InspectNodes, RelationRefs) go
// through walkTree, generated from pg_query.proto into walk_gen.go: plain Go
// type switches, an order of magnitude faster than protoreflect's Range,
// which they used before and which cost review more than parsing the tree.
// walkTree takes the fields in their declaration order; protoreflect's Range
// swaps two neighbouring fields of some messages, by a choice that changes
// with every build of the binary.

// inspect calls fn for n and, depth first, for every Node below it; when fn
// returns false, the nodes below the one it was given are skipped. n must
// not be nil.
func inspect(n *Node, fn func(*Node) bool) {
	walkTree(n, func(m any) bool {
		if x, ok := m.(*Node); ok {
			return fn(x)
		}
		return true
	})
}
