package rules

import "github.com/dbcd/dbcd/internal/review"

// memoKey names the facts that several rules derive from a statement and
// share through review.Stmt.Memo.
type memoKey int

const (
	memoConstraints memoKey = iota
	memoColumnDefs
	memoIndexNames
	memoNewColumns
	memoTypedColumns
	memoLocks
)

// memo returns what compute returns for s, computed once for all the rules
// that ask while the schema stays as it is (review.Stmt.Memo). compute must
// depend only on s and on the pass's schema, runner and version.
func memo[T any](s *review.Stmt, key memoKey, compute func() T) T {
	return s.Memo(key, func() any { return compute() }).(T)
}

// cacheKey names what rules derive from their options alone and keep for
// the whole review through review.Pass.Cache.
type cacheKey int

const (
	cacheTypeList cacheKey = iota
	cacheRequiredColumns
	cacheTemplate
)

// cached returns what compute returns for the pass's rule and options,
// computed once per review (review.Pass.Cache). compute must depend only on
// the rule's options.
func cached[T any](p *review.Pass, key cacheKey, compute func() T) T {
	return p.Cache(key, func() any { return compute() }).(T)
}
