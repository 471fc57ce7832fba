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

// lookupSchemas returns the schemas that unqualified names are looked up in,
// in order: the temporary schema when temp (and it exists), then the
// search_path without "$user".
func (s *Schema) lookupSchemas(temp bool) []string {
	out := make([]string, 0, len(s.path)+1)
	if temp && s.schemas[tempSchema] {
		out = append(out, tempSchema)
	}
	for _, p := range s.path {
		if p != userSchema && p != tempSchema {
			out = append(out, p)
		}
	}
	return out
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
	return s.resolve(schema, name, true, func(q QName) bool {
		return s.relations[q] != nil || s.indexes[q] != nil
	})
}

// ResolveType is Resolve for the types the model knows: enums, domains,
// composite types, and the row types of tables.
func (s *Schema) ResolveType(schema, name string) QName {
	return s.resolve(schema, name, true, s.typeExists)
}

// ResolveFunction is Resolve for user functions, procedures and aggregates.
// Built-in functions are not known, so callers should check those first
// (PostgreSQL searches pg_catalog before the search_path).
func (s *Schema) ResolveFunction(schema, name string) QName {
	return s.resolve(schema, name, false, func(q QName) bool { return len(s.functions[q]) > 0 })
}

// resolve looks an unqualified name up with exists; temp includes the
// temporary schema in the lookup.
func (s *Schema) resolve(schema, name string, temp bool, exists func(QName) bool) QName {
	if schema != "" {
		return QName{schema, name}
	}
	for _, p := range s.lookupSchemas(temp) {
		if q := (QName{p, name}); exists(q) {
			return q
		}
	}
	return QName{s.creationSchema(), name}
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

// setVariable replays SET, SET LOCAL and RESET of search_path. SET LOCAL
// is treated like SET: the model does not track transaction blocks, and a
// migration that sets the path locally means the rest of its transaction,
// usually the rest of the file.
func (s *Schema) setVariable(v *sqlparse.VariableSetStmt) {
	if v.GetName() != "search_path" && v.GetKind() != sqlparse.VAR_RESET_ALL {
		return
	}
	switch v.GetKind() {
	case sqlparse.VAR_SET_VALUE:
		// Each item is one schema name, verbatim: PostgreSQL quotes the
		// items before parsing the list, so SET search_path = 'a,b' names
		// one schema "a,b".
		path := make([]string, 0, len(v.GetArgs()))
		for _, a := range v.GetArgs() {
			if sv := a.GetAConst().GetSval(); sv != nil {
				path = append(path, sv.GetSval())
			}
		}
		s.path = path
	case sqlparse.VAR_SET_DEFAULT, sqlparse.VAR_RESET, sqlparse.VAR_RESET_ALL:
		s.path = slices.Clone(defaultSearchPath)
	}
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
			s.path = path
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

// quoteIdent quotes an identifier when it needs quotes to keep its
// spelling: anything but lower-case letters, digits and underscores, not
// starting with a digit.
func quoteIdent(s string) string {
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
