package pgschema

import (
	"cmp"
	"path"
	"slices"
	"strings"
)

// Operations of a [Change].
const (
	OpAdded   = "added"
	OpRemoved = "removed"
	OpChanged = "changed"
)

// Change is one object that differs between two schemas.
type Change struct {
	// Kind is the object's kind ("table", "index", "function", ...), or
	// "column" for a column of a table.
	Kind string
	// Name is the qualified name as [Object.Name] gives it; a column is
	// named schema.table.column.
	Name string
	// Table is the schema.table a column, constraint, index, trigger, rule
	// or policy belongs to, so that an ignore pattern for a table covers
	// them; empty for other objects.
	Table string
	// Op is OpAdded, OpRemoved or OpChanged.
	Op string
	// Attrs say what changed, for OpChanged, in a fixed order per kind.
	Attrs []AttrChange
	// FromSQL and ToSQL are the object's DDL on each side (empty on the
	// side where it does not exist); a column's is its definition line.
	FromSQL, ToSQL string
}

// AttrChange is one attribute of an object that changed. An empty From or
// To means the attribute is not set on that side.
type AttrChange struct {
	Attr     string
	From, To string
}

// Diff is the structural difference between two schemas.
type Diff struct {
	// Changes are sorted by Name, then Kind, then Op.
	Changes []Change
}

// Empty reports whether the schemas were equal.
func (d Diff) Empty() bool { return len(d.Changes) == 0 }

// Compare returns what changed from one schema to the other, object by
// object. Objects are matched by kind and name, so a rename shows as a
// removal and an addition. Compare(b, a) is the mirror of Compare(a, b):
// additions and removals swap, and so do From and To.
func Compare(from, to *Schema) Diff {
	fm, tm := byIdentity(from), byIdentity(to)
	tables := map[string]bool{}
	for _, m := range []map[[2]string]*definition{fm, tm} {
		for _, d := range m {
			if d.table != nil || d.kind == "view" || d.kind == "materialized view" {
				tables[d.name] = true
			}
		}
	}
	var out []Change
	for k, f := range fm {
		if t, ok := tm[k]; ok {
			out = append(out, compareDefs(f, t, tables)...)
		} else {
			out = append(out, Change{Kind: f.kind, Name: f.name, Table: owningTable(f, tables), Op: OpRemoved, FromSQL: f.SQL()})
		}
	}
	for k, t := range tm {
		if _, ok := fm[k]; !ok {
			out = append(out, Change{Kind: t.kind, Name: t.name, Table: owningTable(t, tables), Op: OpAdded, ToSQL: t.SQL()})
		}
	}
	slices.SortFunc(out, func(a, b Change) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Kind, b.Kind), strings.Compare(a.Op, b.Op))
	})
	return Diff{Changes: out}
}

// Filter returns the diff without the changes whose name, or whose table,
// matches one of the patterns ([path.Match] syntax, such as
// "public.tmp_*"). Malformed patterns match nothing.
func (d Diff) Filter(ignore []string) Diff {
	var out []Change
	for _, c := range d.Changes {
		if !matchesAny(ignore, c.Name) && (c.Table == "" || !matchesAny(ignore, c.Table)) {
			out = append(out, c)
		}
	}
	return Diff{Changes: out}
}

func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if ok, err := path.Match(p, name); ok && err == nil {
			return true
		}
	}
	return false
}

func byIdentity(s *Schema) map[[2]string]*definition {
	m := map[[2]string]*definition{}
	if s != nil {
		for _, d := range s.objects {
			m[[2]string{d.kind, d.name}] = d
		}
	}
	return m
}

// owningTable returns the table (or view) of an object named table.name,
// found as the longest such prefix of its name.
func owningTable(d *definition, tables map[string]bool) string {
	switch d.kind {
	case "constraint", "index", "trigger", "rule", "policy":
	default:
		return ""
	}
	for i := len(d.name) - 1; i > 0; i-- {
		if d.name[i] == '.' && tables[d.name[:i]] {
			return d.name[:i]
		}
	}
	return ""
}

// compareDefs returns the changes between two versions of one object: none
// when equal, one for the object itself and, for a table, one per column.
func compareDefs(f, t *definition, tables map[string]bool) []Change {
	if sameStatements(f, t) {
		return nil // the same SQL, without building it
	}
	fromSQL, toSQL := f.SQL(), t.SQL()
	if fromSQL == toSQL {
		return nil
	}
	var out []Change
	var attrs []AttrChange
	switch {
	case f.table != nil && t.table != nil:
		var cols []Change
		attrs, cols = compareTables(f, t)
		out = append(out, cols...)
	default:
		attrs = compareCreate(f.kind, f.create, t.create)
	}
	fc, tc := f.comments, t.comments
	if f.table != nil {
		fc, tc = ownComments(fc), ownComments(tc)
	}
	attrs = appendIf(attrs, "comment", strings.Join(fc, "\n"), strings.Join(tc, "\n"))
	attrs = appendIf(attrs, "owner", strings.Join(f.owner, "\n"), strings.Join(t.owner, "\n"))
	attrs = appendIf(attrs, "grants", strings.Join(f.grants, "\n"), strings.Join(t.grants, "\n"))
	if len(attrs) == 0 && len(out) == 0 {
		// A difference no rule above names: never hide it.
		attrs = []AttrChange{{Attr: "definition", From: strings.Join(f.create, "\n"), To: strings.Join(t.create, "\n")}}
	}
	if len(attrs) > 0 {
		out = append(out, Change{Kind: f.kind, Name: f.name, Table: owningTable(f, tables), Op: OpChanged,
			Attrs: attrs, FromSQL: fromSQL, ToSQL: toSQL})
	}
	return out
}

// sameStatements reports whether two definitions have the very same
// statements in each part, and so the same SQL.
func sameStatements(f, t *definition) bool {
	return slices.Equal(f.create, t.create) && slices.Equal(f.comments, t.comments) && slices.Equal(f.owner, t.owner) &&
		slices.Equal(f.ownedSeqs, t.ownedSeqs) && slices.Equal(f.grants, t.grants)
}

// appendIf appends an AttrChange when from and to differ.
func appendIf(attrs []AttrChange, attr, from, to string) []AttrChange {
	if from == to {
		return attrs
	}
	return append(attrs, AttrChange{Attr: attr, From: from, To: to})
}

// compareCreate names what changed in the statements that create an object
// of the given kind.
func compareCreate(kind string, from, to []string) []AttrChange {
	f0, t0 := first(from), first(to)
	var attrs []AttrChange
	switch kind {
	case "function", "procedure":
		ff, tf := splitFunction(f0), splitFunction(t0)
		for i, name := range functionParts {
			attrs = appendIf(attrs, name, ff[i], tf[i])
		}
	case "constraint":
		attrs = constraintAttrs(f0, t0)
		attrs = append(attrs, trailerAttrs(from[1:], to[1:])...)
	case "index":
		attrs = appendIf(attrs, "definition", f0, t0)
		attrs = append(attrs, trailerAttrs(from[1:], to[1:])...)
	case "trigger", "rule":
		attrs = appendIf(attrs, "definition", f0, t0)
		attrs = appendIf(attrs, "enabled", firingState(from[1:]), firingState(to[1:]))
	case "event trigger":
		attrs = appendIf(attrs, "definition", f0, t0)
		attrs = appendIf(attrs, "enabled", firingState(from[1:]), firingState(to[1:]))
	case "type":
		fv, fok := enumValues(f0)
		tv, tok := enumValues(t0)
		if fok && tok {
			attrs = appendIf(attrs, "values", fv, tv)
		} else {
			attrs = appendIf(attrs, "definition", f0, t0)
		}
	case "domain":
		fh, fc, _ := strings.Cut(f0, "\n")
		th, tc, _ := strings.Cut(t0, "\n")
		attrs = appendIf(attrs, "definition", fh, th)
		attrs = appendIf(attrs, "constraints", domainConstraints(fc, from[1:]), domainConstraints(tc, to[1:]))
	case "sequence":
		fh, fo, _ := strings.Cut(f0, "\n")
		th, to, _ := strings.Cut(t0, "\n")
		attrs = appendIf(attrs, "persistence", persistence(strings.Contains(fh, "CREATE UNLOGGED ")),
			persistence(strings.Contains(th, "CREATE UNLOGGED ")))
		attrs = appendIf(attrs, "options", indentedList(strings.TrimSuffix(fo, ";")), indentedList(strings.TrimSuffix(to, ";")))
	case "policy":
		attrs = policyAttrs(f0, t0)
	default:
		attrs = appendIf(attrs, "definition", f0, t0)
	}
	if len(attrs) == 0 {
		attrs = appendIf(attrs, "definition", strings.Join(from, "\n"), strings.Join(to, "\n"))
	}
	return attrs
}
