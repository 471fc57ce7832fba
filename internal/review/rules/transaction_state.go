package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// perFile names a rule's state for the file being reviewed, kept by the
// file's Pass (review.Pass.State): a rule may run as several instances (one
// per set of options) and catalogs may review files concurrently, so state
// cannot live in the rule's closure.
type perFile[T any] struct {
	_ byte // a size, so that each perFile variable has its own address
}

// get returns the state of the pass, creating it on first use.
func (f *perFile[T]) get(p *review.Pass) *T {
	return p.State(f, func() any { return new(T) }).(*T)
}

// done is called from the rule's End callback; the state ends with the
// file.
func (f *perFile[T]) done(*review.Pass) {}

// txStart returns the index of the statement that began the transaction s
// runs in: the BEGIN of its block (or the COMMIT AND CHAIN that opened it),
// the first statement of a wrapped file, or s itself when it runs on its
// own with autocommit. Statements share a
// transaction exactly when txStart returns the same index for them.
func txStart(p *review.Pass, s *review.Stmt) int {
	starts := p.State(txStartsKey{}, func() any {
		// Worked out once per file: walking back from every statement
		// was quadratic in the length of a transaction.
		starts := make([]int, len(p.Stmts))
		for i, st := range p.Stmts {
			starts[i] = i
			switch {
			case i == 0 || !st.InTransaction:
			case endsTx(p.Stmts[i-1]):
				// After COMMIT AND CHAIN: a new transaction, opened by it.
				starts[i] = i - 1
			default:
				starts[i] = starts[i-1]
			}
		}
		return starts
	}).([]int)
	return starts[s.Index]
}

// endsTx reports COMMIT, ROLLBACK and PREPARE TRANSACTION: the statement
// after one runs in a new transaction even when it is in a block, as after
// COMMIT AND CHAIN (which opens the next transaction at once and releases
// the locks of the one it ends).
func endsTx(s *review.Stmt) bool {
	switch s.Kind {
	case "COMMIT", "ROLLBACK", "PREPARE_TRANSACTION":
		return true
	}
	return false
}

// txStartsKey names the txStart of every statement of the file in
// review.Pass.State.
type txStartsKey struct{}

// trivialInTx reports statements that take no table lock worth counting
// inside a transaction: transaction control and session settings.
func trivialInTx(s *review.Stmt) bool {
	switch s.Kind {
	case "SET", "RESET", "SHOW":
		return true
	}
	return s.Class == sqlparse.TxControl
}

// relName resolves a relation reference against the schema before the
// statement.
func txRel(p *review.Pass, rv *sqlparse.RangeVar) model.QName {
	return p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
}

// qualifiedName resolves a possibly qualified name given as parts (the
// object names of DROP TABLE a.b) to a relation name; it returns false for
// an empty list.
func qualifiedName(p *review.Pass, parts []string) (model.QName, bool) {
	switch len(parts) {
	case 0:
		return model.QName{}, false
	case 1:
		return p.Schema.Resolve("", parts[0]), true
	}
	return p.Schema.Resolve(parts[len(parts)-2], parts[len(parts)-1]), true
}

// typeQName resolves a type name given as parts (ALTER TYPE a.b ...).
func typeQName(p *review.Pass, parts []string) (model.QName, bool) {
	switch len(parts) {
	case 0:
		return model.QName{}, false
	case 1:
		return p.Schema.ResolveType("", parts[0]), true
	}
	return p.Schema.ResolveType(parts[len(parts)-2], parts[len(parts)-1]), true
}

// objectParts returns the name parts of one object of a DROP statement:
// a list of names (tables, views, types as names) or a single name
// (schemas, databases, extensions).
func objectParts(n *sqlparse.Node) []string {
	if l := n.GetList(); l != nil {
		return sqlparse.NameList(l.GetItems())
	}
	if tn := n.GetTypeName(); tn != nil {
		return sqlparse.NameList(tn.GetNames())
	}
	if s := sqlparse.StringValue(n); s != "" {
		return []string{s}
	}
	return nil
}

// kindWords spells a statement kind as SQL keywords: CREATE_INDEX becomes
// CREATE INDEX.
func kindWords(kind string) string {
	return strings.ReplaceAll(kind, "_", " ")
}

// txIdent spells an identifier for a message: as is when it is a plain
// lower-case name, double-quoted otherwise ("Orders", "order lines").
func txIdent(name string) string {
	plain := name != ""
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case (r >= '0' && r <= '9') || r == '$':
			plain = plain && i > 0
		default:
			plain = false
		}
	}
	if plain {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// txQName spells a qualified name for a message, quoting the parts that
// need it: public."Orders".
func txQName(q model.QName) string {
	if q.Schema == "" {
		return txIdent(q.Name)
	}
	return txIdent(q.Schema) + "." + txIdent(q.Name)
}
