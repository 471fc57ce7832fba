package sqlparse

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Re-exports and helpers used by the convention review rules (RULES.md
// §2.5), in the style of ast.go.

// Referential actions of a foreign key (Constraint.FkDelAction and
// FkUpdAction), as PostgreSQL's parser spells them.
const (
	FKCONSTR_ACTION_NOACTION   = "a"
	FKCONSTR_ACTION_RESTRICT   = "r"
	FKCONSTR_ACTION_CASCADE    = "c"
	FKCONSTR_ACTION_SETNULL    = "n"
	FKCONSTR_ACTION_SETDEFAULT = "d"
)

// RELPERSISTENCE_TEMP is RangeVar.Relpersistence of a temporary relation
// (CREATE TEMP TABLE).
const RELPERSISTENCE_TEMP = "t"

// RelationRefs returns every relation reference (RangeVar) in the tree of n,
// depth first in field order: the target of CREATE TABLE, ALTER TABLE,
// CREATE INDEX, INSERT, UPDATE, DELETE, the tables of FROM clauses and
// subqueries, the referenced table of a FOREIGN KEY, and so on. Unqualified
// references to the common table expressions the statement defines (WITH x
// AS (...) ... FROM x) are left out: they are not relations. Names in the
// bodies of functions and DO blocks are not seen (they are strings).
func RelationRefs(n *Node) []*RangeVar {
	if n == nil {
		return nil
	}
	var refs []*RangeVar
	var ctes map[string]bool // made for the few statements with a WITH
	walkTree(n, func(m any) bool {
		switch v := m.(type) {
		case *pg_query.RangeVar:
			refs = append(refs, v)
			return false
		case *pg_query.CommonTableExpr:
			if ctes == nil {
				ctes = map[string]bool{}
			}
			ctes[v.GetCtename()] = true
		}
		return true
	})
	if ctes == nil {
		return refs
	}
	out := refs[:0]
	for _, rv := range refs {
		if rv.GetSchemaname() == "" && ctes[rv.GetRelname()] {
			continue
		}
		out = append(out, rv)
	}
	return out
}

// Identifier is an identifier token of a statement's text.
type Identifier struct {
	// Name is the identifier as PostgreSQL reads it: quotes removed and
	// doubled quotes undone for quoted identifiers, ASCII letters folded to
	// lower case for unquoted ones.
	Name string
	// Offset is the byte offset of the token in the scanned text.
	Offset int
	// Quoted reports a quoted identifier ("Name").
	Quoted bool
}

// Identifiers returns the identifier tokens of sql (typically a
// Statement.Text), in order: names written as identifiers, quoted or not,
// but not keywords used as names (all of them short) nor the contents of
// string constants and dollar-quoted bodies. It returns nil when sql does
// not scan.
func Identifiers(sql string) []Identifier {
	res, err := pg_query.Scan(sql)
	if err != nil {
		return nil
	}
	var out []Identifier
	for _, t := range res.GetTokens() {
		if t.GetToken() != pg_query.Token_IDENT {
			continue
		}
		if id, ok := identifier(sql, int(t.GetStart()), int(t.GetEnd())); ok {
			out = append(out, id)
		}
	}
	return out
}

// Identifiers returns Identifiers(s.Text), from the tokens Parse already
// scanned when it can.
func (s *Statement) Identifiers() []Identifier {
	if !s.scanned {
		return Identifiers(s.Text)
	}
	var out []Identifier
	for _, t := range s.toks {
		if t.kind != tokIdent {
			continue
		}
		if id, ok := identifier(s.Text, t.start-s.from, t.end-s.from); ok {
			out = append(out, id)
		}
	}
	return out
}

// LongIdentifiers returns the identifiers of Identifiers whose name is
// longer than n bytes, without reading the others: a name is never longer
// than its token (quotes and doubled quotes only shorten it).
func (s *Statement) LongIdentifiers(n int) []Identifier {
	var out []Identifier
	if !s.scanned {
		for _, id := range Identifiers(s.Text) {
			if len(id.Name) > n {
				out = append(out, id)
			}
		}
		return out
	}
	for _, t := range s.toks {
		if t.kind != tokIdent || t.end-t.start <= n {
			continue
		}
		if id, ok := identifier(s.Text, t.start-s.from, t.end-s.from); ok && len(id.Name) > n {
			out = append(out, id)
		}
	}
	return out
}

// identifier reads the identifier token sql[start:end].
func identifier(sql string, start, end int) (Identifier, bool) {
	if start < 0 || end > len(sql) || start >= end {
		return Identifier{}, false
	}
	raw := sql[start:end]
	id := Identifier{Offset: start}
	if strings.HasPrefix(raw, `"`) && strings.HasSuffix(raw, `"`) && len(raw) >= 2 {
		id.Name, id.Quoted = strings.ReplaceAll(raw[1:len(raw)-1], `""`, `"`), true
	} else {
		id.Name = foldIdent(raw)
	}
	return id, true
}

// foldIdent folds the ASCII letters of an unquoted identifier to lower case,
// as PostgreSQL does in UTF-8 databases.
func foldIdent(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
