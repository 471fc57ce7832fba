package sqlparse

import (
	"errors"
	"fmt"
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// The versions of the parser library. pg_query_go exports no constant for
// them, so they are written here: the first is the version go.mod requires
// (TestVersion checks it), the second is LIB_PG_QUERY_TAG in pg_query_go's
// Makefile. Update both when upgrading pg_query_go.
const (
	pgQueryGoVersion  = "v5.1.0"
	libPgQueryVersion = "16-5.1.0"
)

// pgMajor returns the major version of the PostgreSQL grammar, taken from the
// version number pg_query stores in every parse result (160001 for 16.1).
var pgMajor = sync.OnceValue(func() int {
	res, err := pg_query.Parse("")
	if err != nil || res.GetVersion() == 0 {
		return 16 // pg_query_go v5 embeds the PostgreSQL 16 parser.
	}
	return int(res.GetVersion()) / 10000
})

// Version describes the SQL grammar dbcd parses, for example
// "PostgreSQL 16 (pg_query_go v5.1.0, libpg_query 16-5.1.0)".
func Version() string {
	return fmt.Sprintf("PostgreSQL %d (pg_query_go %s, libpg_query %s)", pgMajor(), pgQueryGoVersion, libPgQueryVersion)
}

// GrammarMajor returns the major PostgreSQL version whose grammar dbcd
// parses (16).
func GrammarMajor() int {
	return pgMajor()
}

// maxDeparseDepth is the deepest parse tree, in nested protobuf messages,
// that Deparse hands to pg_query. Its C deparser recurses with about 1.9 KB
// of stack per expression level (two messages) and crashes the process past
// about 4,400 levels on an 8 MB stack; 2,000 messages stay under 2 MB.
const maxDeparseDepth = 2000

// Deparse turns a statement's parse tree back into SQL text, in PostgreSQL's
// normalised spelling (keywords upper case, no comments). Trees nested more
// than 1,000 expression levels deep are refused with an error.
func Deparse(n *Node) (string, error) {
	if n == nil || n.GetNode() == nil {
		return "", errors.New("deparse: empty parse tree")
	}
	if messageDepth(n.ProtoReflect(), maxDeparseDepth+1) > maxDeparseDepth {
		return "", errors.New("deparse: parse tree nested too deeply")
	}
	tree := &pg_query.ParseResult{Stmts: []*pg_query.RawStmt{{Stmt: n}}}
	sql, err := pg_query.Deparse(tree)
	if err != nil {
		return "", fmt.Errorf("deparse: %w", err)
	}
	return sql, nil
}

// messageDepth returns the nesting depth of the protobuf message m (1 for a
// message without message fields), counting no further than limit.
func messageDepth(m protoreflect.Message, limit int) int {
	deepest := 0
	if limit <= 1 {
		return 1
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Message() == nil || fd.IsMap():
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len() && deepest < limit-1; i++ {
				deepest = max(deepest, messageDepth(l.Get(i).Message(), limit-1))
			}
		default:
			deepest = max(deepest, messageDepth(v.Message(), limit-1))
		}
		return deepest < limit-1
	})
	return deepest + 1
}

// Fingerprint returns pg_query's fingerprint of sql: a hexadecimal hash that
// is the same for statements that differ only in constants, white space,
// comments and letter case of keywords. Text that is not valid UTF-8, or
// nested too deeply (see Parse), is refused with an error.
func Fingerprint(sql string) (string, error) {
	if off, msg := checkEncoding([]byte(sql)); off >= 0 {
		return "", errors.New("fingerprint: " + msg)
	}
	// Guard pg_query as Parse does: its fingerprinting recurses in C too.
	if commentTooDeep(sql) >= 0 {
		return "", errors.New("fingerprint: " + commentTooDeepMessage)
	}
	if toks, ok := scan(sql); ok && tooDeep(toks) >= 0 {
		return "", errors.New("fingerprint: " + tooDeepMessage)
	}
	fp, err := pg_query.Fingerprint(sql)
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	return fp, nil
}
