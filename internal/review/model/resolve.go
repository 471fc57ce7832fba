package model

import (
	"slices"
	"strings"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// SearchPath returns the search_path of the replaying session, as set
// ("$user" included when it is listed).
func (s *Schema) SearchPath() []string {
	return slices.Clone(s.path)
}

// lookupKind tells which namespace an unqualified name is looked up in.
type lookupKind int

const (
	lookupRelation lookupKind = iota // relations and indexes
	lookupType                       // enums, domains, composites, row types
	lookupFunction                   // functions, procedures, aggregates
)

// exists reports whether an object of kind k is called q.
func (s *Schema) exists(k lookupKind, q QName) bool {
	switch k {
	case lookupRelation:
		return s.relations[q] != nil || s.indexes[q] != nil
	case lookupType:
		return s.typeExists(q)
	}
	return len(s.functions[q]) > 0
}

// find looks an unqualified name up: in the temporary schema first, when
// it exists and k is not lookupFunction (PostgreSQL never looks functions up
// there), then along the search_path, "$user" skipped.
func (s *Schema) find(k lookupKind, name string) (QName, bool) {
	if k != lookupFunction && s.schemas[tempSchema] {
		if q := (QName{tempSchema, name}); s.exists(k, q) {
			return q, true
		}
	}
	for _, p := range s.path {
		if p == userSchema || p == tempSchema {
			continue
		}
		if q := (QName{p, name}); s.exists(k, q) {
			return q, true
		}
	}
	return QName{}, false
}

// creationSchema returns the schema that unqualified new objects go to: the
// first existing schema of the search_path, else public.
func (s *Schema) creationSchema() string {
	for _, p := range s.path {
		if p != userSchema && p != tempSchema && s.schemas[p] {
			return p
		}
	}
	return "public"
}

// Resolve returns the relation (table, view, sequence, index, ...) that the
// name refers to. A qualified name is returned as is; an unqualified one
// resolves to the first schema of the search_path that holds a relation or
// index of that name (temporary relations first), else to the schema where
// CREATE would put it: the first existing schema of the search_path, else
// public. Names are compared exactly.
func (s *Schema) Resolve(schema, name string) QName {
	return s.resolve(lookupRelation, schema, name)
}

// ResolveType is Resolve for the types the model knows: enums, domains,
// composite types, and the row types of tables.
func (s *Schema) ResolveType(schema, name string) QName {
	return s.resolve(lookupType, schema, name)
}

// ResolveFunction is Resolve for user functions, procedures and aggregates.
// Built-in functions are not known, so callers should check those first
// (PostgreSQL searches pg_catalog before the search_path).
func (s *Schema) ResolveFunction(schema, name string) QName {
	return s.resolve(lookupFunction, schema, name)
}

// resolve resolves a name of kind k.
func (s *Schema) resolve(k lookupKind, schema, name string) QName {
	if schema != "" {
		return QName{schema, name}
	}
	key := resolveKey{k, name}
	if q, ok := s.resolved[key]; ok {
		return q
	}
	q, ok := s.find(k, name)
	if !ok {
		q = QName{s.creationSchema(), name}
	}
	if s.applying {
		return q
	}
	if s.resolved == nil {
		s.resolved = make(map[resolveKey]QName, 8)
	}
	s.resolved[key] = q
	return q
}

// typeExists reports whether q is a type the model knows.
func (s *Schema) typeExists(q QName) bool {
	if s.enums[q] != nil || s.domains[q] != nil || s.composites[q] != nil {
		return true
	}
	r := s.relations[q]
	return r != nil && r.Kind != KindSequence
}

// relName resolves a relation reference of a statement.
func (s *Schema) relName(rv *sqlparse.RangeVar) QName {
	schema, name := sqlparse.RangeVarName(rv)
	return s.Resolve(schema, name)
}

// lookupRel returns the relation a statement refers to, or nil.
func (s *Schema) lookupRel(rv *sqlparse.RangeVar) *Relation {
	return s.relations[s.relName(rv)]
}

// newRelName returns the name a CREATE statement gives the relation rv:
// temporary relations go to the temporary schema, unqualified ones to the
// creation schema. It makes sure the schema exists.
func (s *Schema) newRelName(rv *sqlparse.RangeVar) QName {
	schema, name := sqlparse.RangeVarName(rv)
	switch {
	case rv.GetRelpersistence() == "t":
		schema = tempSchema
	case schema == "":
		schema = s.creationSchema()
	}
	s.schemas[schema] = true
	return QName{schema, name}
}

// objName splits a possibly qualified object name of a statement (a list of
// String nodes); the catalog part of a three-part name is dropped.
func objName(nodes []*sqlparse.Node) (schema, name string) {
	parts := sqlparse.NameList(nodes)
	switch len(parts) {
	case 0:
		return "", ""
	case 1:
		return "", parts[0]
	}
	return parts[len(parts)-2], parts[len(parts)-1]
}

// newObjName returns the name a CREATE statement gives a type or function,
// making sure its schema exists.
func (s *Schema) newObjName(nodes []*sqlparse.Node) QName {
	schema, name := objName(nodes)
	if schema == "" {
		schema = s.creationSchema()
	}
	s.schemas[schema] = true
	return QName{schema, name}
}

// typeName resolves a type name of a statement.
func (s *Schema) typeName(nodes []*sqlparse.Node) QName {
	schema, name := objName(nodes)
	return s.ResolveType(schema, name)
}

// searchPath returns the search_path after v, a SET, SET LOCAL or RESET
// statement (or the setting of ALTER DATABASE ... SET), when the path was
// path: v's value for search_path, reset for RESET and SET ... TO DEFAULT,
// path itself for other settings. Whether the value lasts (SET LOCAL, a
// block rolled back) is the session's business (session.go).
func searchPath(v *sqlparse.VariableSetStmt, path, reset []string) []string {
	if v.GetName() != "search_path" && v.GetKind() != sqlparse.VAR_RESET_ALL {
		return path
	}
	switch v.GetKind() {
	case sqlparse.VAR_SET_VALUE:
		// Each item is one schema name, verbatim: PostgreSQL quotes the
		// items before parsing the list, so SET search_path = 'a,b' names
		// one schema "a,b".
		path = make([]string, 0, len(v.GetArgs()))
		for _, a := range v.GetArgs() {
			if sv := a.GetAConst().GetSval(); sv != nil {
				path = append(path, sv.GetSval())
			}
		}
		return path
	case sqlparse.VAR_SET_DEFAULT, sqlparse.VAR_RESET, sqlparse.VAR_RESET_ALL:
		return slices.Clone(reset)
	}
	return path
}

// selectStmt replays the two SELECTs that change the schema: SELECT INTO,
// which creates a table, and set_config('search_path', ...), which pg_dump
// writes at the top of every dump.
func (s *Schema) selectStmt(sel *sqlparse.SelectStmt) {
	if into := sel.GetIntoClause(); into != nil {
		s.createFromQuery(into, sel, KindTable, false)
		return
	}
	for _, t := range sel.GetTargetList() {
		fc := t.GetResTarget().GetVal().GetFuncCall()
		if fc == nil {
			continue
		}
		schema, name := objName(fc.GetFuncname())
		args := fc.GetArgs()
		if name != "set_config" || (schema != "" && schema != "pg_catalog") || len(args) != 3 {
			continue
		}
		if args[0].GetAConst().GetSval().GetSval() != "search_path" || args[1].GetAConst().GetSval() == nil {
			continue
		}
		if path, ok := splitIdentifiers(args[1].GetAConst().GetSval().GetSval(), ','); ok {
			s.setPath(path, args[2].GetAConst().GetBoolval().GetBoolval())
		}
	}
}

// splitIdentifiers splits a list of identifiers as PostgreSQL's
// SplitIdentifierString does: items separated by sep, white space around
// them ignored, unquoted ones folded to lower case, double-quoted ones kept
// verbatim with "" standing for a quote. It reports false for a malformed
// list. An empty or blank string is an empty list.
func splitIdentifiers(s string, sep byte) ([]string, bool) {
	var out []string
	s = strings.TrimLeft(s, " \t\n\r\f\v")
	if s == "" {
		return out, true
	}
	for {
		var item string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; ; i++ {
				if i >= len(s) {
					return nil, false
				}
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						b.WriteByte('"')
						i++
						continue
					}
					break
				}
				b.WriteByte(s[i])
			}
			item, s = b.String(), s[i+1:]
		} else {
			end := strings.IndexByte(s, sep)
			if end < 0 {
				end = len(s)
			}
			raw := strings.TrimRight(s[:end], " \t\n\r\f\v")
			if raw == "" || strings.ContainsAny(raw, " \t\n\r\f\v\"") {
				return nil, false
			}
			item, s = foldASCII(raw), s[len(raw):]
		}
		out = append(out, item)
		s = strings.TrimLeft(s, " \t\n\r\f\v")
		if s == "" {
			return out, true
		}
		if s[0] != sep {
			return nil, false
		}
		s = strings.TrimLeft(s[1:], " \t\n\r\f\v")
	}
}

// foldASCII folds ASCII letters to lower case, as PostgreSQL folds
// unquoted identifiers.
func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// QuoteIdent quotes an identifier when it needs quotes to keep its
// spelling: anything but lower-case letters, digits and underscores, not
// starting with a digit.
func QuoteIdent(s string) string {
	plain := s != ""
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
