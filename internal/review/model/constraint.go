package model

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// maxIdentLen is the longest identifier PostgreSQL keeps, in bytes
// (NAMEDATALEN - 1); longer generated names are truncated.
const maxIdentLen = 63

// conOpts tells addConstraint where a constraint comes from.
type conOpts struct {
	// column is the column of a constraint written in a column definition.
	column string
	// creating is set inside CREATE TABLE, where constraints are valid even
	// when written NOT VALID.
	creating bool
	// inherited is set for the copy of a parent's constraint that ALTER TABLE
	// gives each partition: index-backed constraints get names of their own,
	// CHECK and FOREIGN KEY constraints take name.
	inherited bool
	name      string
}

// addConstraint adds a table constraint and returns it, or nil when con
// adds none (an unknown index for USING INDEX, a NOT NULL clause, ...).
func (s *Schema) addConstraint(rel *Relation, con *sqlparse.Constraint, o conOpts) *Constraint {
	switch con.GetContype() {
	case sqlparse.CONSTR_PRIMARY, sqlparse.CONSTR_UNIQUE:
		return s.addKey(rel, con, o)
	case sqlparse.CONSTR_EXCLUSION:
		return s.addExclusion(rel, con, o)
	case sqlparse.CONSTR_CHECK:
		return s.addCheck(rel, con, o)
	case sqlparse.CONSTR_FOREIGN:
		return s.addForeignKey(rel, con, o)
	}
	return nil
}

// appendConstraint adds con to rel, replacing a constraint of the same name.
func (s *Schema) appendConstraint(rel *Relation, con *Constraint) *Constraint {
	if old := rel.Constraint(con.Name); old != nil {
		s.dropConstraint(rel, old)
	}
	rel.Constraints = append(rel.Constraints, con)
	s.indexForeignKey(rel, con)
	return con
}

// addKey adds a PRIMARY KEY or UNIQUE constraint and its index, or adopts
// the index named by USING INDEX (renamed to the constraint's name). The
// columns of a primary key become NOT NULL.
func (s *Schema) addKey(rel *Relation, con *sqlparse.Constraint, o conOpts) *Constraint {
	primary := con.GetContype() == sqlparse.CONSTR_PRIMARY
	typ := ConUnique
	if primary {
		typ = ConPrimary
	}
	var idx *Index
	if iname := con.GetIndexname(); iname != "" {
		idx = s.indexes[QName{rel.Name.Schema, iname}]
		if idx == nil || idx.Table != rel.Name {
			return nil
		}
		if name := con.GetConname(); name != "" && name != iname {
			s.renameIndex(idx, name)
		}
		idx.Unique, idx.Primary = true, primary
	} else {
		cols := keyColumns(con.GetKeys(), o.column)
		name := con.GetConname()
		if o.inherited {
			if slices.ContainsFunc(rel.Constraints, func(c *Constraint) bool {
				return c.Type == typ && slices.Equal(c.Columns, cols)
			}) {
				return nil
			}
			name = ""
		}
		if name == "" {
			label, addition := "key", nameAddition(cols)
			if primary {
				label, addition = "pkey", ""
			}
			name = s.chooseRelationName(rel.Name.Schema, rel.Name.Name, addition, label)
		}
		idx = &Index{
			Name: QName{rel.Name.Schema, name}, Table: rel.Name, Unique: true, Primary: primary,
			Method: "btree", Columns: cols, Include: sqlparse.NameList(con.GetIncluding()), Valid: true,
		}
		s.addIndex(rel, idx)
	}
	if primary {
		for _, c := range idx.Columns {
			if col := rel.Column(c); col != nil {
				col.NotNull = true
			}
		}
	}
	return s.appendConstraint(rel, &Constraint{
		Name: idx.Name.Name, Type: typ, Columns: slices.Clone(idx.Columns), Index: idx.Name.Name,
	})
}

// keyColumns returns the key columns of a constraint: its column when it
// was written in a column definition, else its list of names.
func keyColumns(keys []*sqlparse.Node, column string) []string {
	if column != "" {
		return []string{column}
	}
	return sqlparse.NameList(keys)
}

// addExclusion adds an EXCLUDE constraint and its index.
func (s *Schema) addExclusion(rel *Relation, con *sqlparse.Constraint, o conOpts) *Constraint {
	var elems []*sqlparse.Node
	for _, ex := range con.GetExclusions() {
		if items := ex.GetList().GetItems(); len(items) > 0 {
			elems = append(elems, items[0])
		}
	}
	cols, parts := indexElems(elems)
	name := con.GetConname()
	if name == "" || o.inherited {
		name = s.chooseRelationName(rel.Name.Schema, rel.Name.Name, nameAddition(parts), "excl")
	}
	method := con.GetAccessMethod()
	if method == "" {
		method = "gist"
	}
	idx := &Index{
		Name: QName{rel.Name.Schema, name}, Table: rel.Name, Method: method, Columns: cols,
		Include: sqlparse.NameList(con.GetIncluding()), Predicate: sqlparse.ExprString(con.GetWhereClause()), Valid: true,
	}
	s.addIndex(rel, idx)
	return s.appendConstraint(rel, &Constraint{
		Name: name, Type: ConExclusion, Columns: slices.Clone(cols), Expr: idx.Predicate, Index: name,
	})
}

// addCheck adds a CHECK constraint. An unnamed one is called
// table_column_check when its expression mentions one column, else
// table_check, as PostgreSQL names them.
func (s *Schema) addCheck(rel *Relation, con *sqlparse.Constraint, o conOpts) *Constraint {
	refs := columnRefs(con.GetRawExpr())
	name := con.GetConname()
	if o.inherited && o.name != "" {
		name = o.name
	}
	if name == "" {
		col := ""
		if len(refs) == 1 {
			col = refs[0]
		}
		name = chooseConstraintName(rel, rel.Name.Name, col, "check")
	}
	return s.appendConstraint(rel, &Constraint{
		Name: name, Type: ConCheck, Columns: refs, Expr: sqlparse.ExprString(con.GetRawExpr()),
		NotValid: !o.creating && con.GetSkipValidation(),
	})
}

// addForeignKey adds a FOREIGN KEY constraint. When it names no referenced
// columns, they are the referenced table's primary key, if known.
func (s *Schema) addForeignKey(rel *Relation, con *sqlparse.Constraint, o conOpts) *Constraint {
	if con.GetPktable() == nil {
		return nil
	}
	cols := keyColumns(con.GetFkAttrs(), o.column)
	ref := s.relName(con.GetPktable())
	refCols := sqlparse.NameList(con.GetPkAttrs())
	if len(refCols) == 0 {
		if pk := s.relations[ref]; pk != nil && pk.PrimaryKey() != nil {
			refCols = slices.Clone(pk.PrimaryKey().Columns)
		}
	}
	name := con.GetConname()
	if o.inherited && o.name != "" {
		name = o.name
	}
	if name == "" {
		name = chooseConstraintName(rel, rel.Name.Name, nameAddition(cols), "fkey")
	}
	return s.appendConstraint(rel, &Constraint{
		Name: name, Type: ConForeign, Columns: cols, RefTable: &ref, RefColumns: refCols,
		OnDelete: fkAction(con.GetFkDelAction()), OnUpdate: fkAction(con.GetFkUpdAction()),
		NotValid: !o.creating && con.GetSkipValidation(),
	})
}

// refersTo reports whether con is a foreign key referencing q.
func (con *Constraint) refersTo(q QName) bool {
	return con.Type == ConForeign && con.RefTable != nil && *con.RefTable == q
}

// fkRef is a foreign key and the relation it belongs to.
type fkRef struct {
	rel *Relation
	con *Constraint
}

// indexForeignKey files con, a constraint of rel, under the table it
// references when it is a foreign key. Every foreign key added to a
// relation must be filed, and filed again when its RefTable changes.
func (s *Schema) indexForeignKey(rel *Relation, con *Constraint) {
	if con.Type != ConForeign || con.RefTable == nil {
		return
	}
	if s.fkRefs == nil {
		s.fkRefs = map[QName]map[*Constraint]*Relation{}
	}
	m := s.fkRefs[*con.RefTable]
	if m == nil {
		m = map[*Constraint]*Relation{}
		s.fkRefs[*con.RefTable] = m
	}
	m[con] = rel
}

// unindexForeignKey removes con from the foreign keys filed under the table
// it references.
func (s *Schema) unindexForeignKey(con *Constraint) {
	if con.Type != ConForeign || con.RefTable == nil {
		return
	}
	if m := s.fkRefs[*con.RefTable]; m != nil {
		delete(m, con)
		if len(m) == 0 {
			delete(s.fkRefs, *con.RefTable)
		}
	}
}

// referencing returns the foreign keys of the model's relations that
// reference q, as a scan of every relation's constraints would find them
// (in no particular order). Entries the index still holds for constraints
// or relations that have gone are skipped and forgotten.
func (s *Schema) referencing(q QName) []fkRef {
	m := s.fkRefs[q]
	if len(m) == 0 {
		return nil
	}
	out := make([]fkRef, 0, len(m))
	for con, rel := range m {
		if s.relations[rel.Name] != rel || !con.refersTo(q) || !slices.Contains(rel.Constraints, con) {
			delete(m, con)
			continue
		}
		out = append(out, fkRef{rel, con})
	}
	if len(m) == 0 {
		delete(s.fkRefs, q)
	}
	return out
}

// fkAction spells a referential action code of the parse tree.
func fkAction(code string) string {
	switch code {
	case "r":
		return "restrict"
	case "c":
		return "cascade"
	case "n":
		return "set null"
	case "d":
		return "set default"
	}
	return "no action"
}

// columnRefs returns the distinct column names an expression mentions, in
// order of first mention (the last part of each column reference).
func columnRefs(expr *sqlparse.Node) []string {
	var refs []string
	sqlparse.Walk(expr, func(n *sqlparse.Node) bool {
		if cr := n.GetColumnRef(); cr != nil {
			fields := sqlparse.NameList(cr.GetFields())
			if len(fields) > 0 {
				if f := fields[len(fields)-1]; f != "" && f != "*" && !slices.Contains(refs, f) {
					refs = append(refs, f)
				}
			}
		}
		return true
	})
	return refs
}

// dropConstraint removes con from rel, with the index backing it.
func (s *Schema) dropConstraint(rel *Relation, con *Constraint) {
	rel.Constraints = slices.DeleteFunc(rel.Constraints, func(c *Constraint) bool { return c == con })
	s.unindexForeignKey(con)
	if con.Index == "" || con.Type == ConCheck || con.Type == ConForeign {
		return
	}
	if idx := s.indexes[QName{rel.Name.Schema, con.Index}]; idx != nil && idx.Table == rel.Name {
		s.removeIndex(idx)
	}
}

// nameAddition joins the column names of a generated name with '_', as
// PostgreSQL's ChooseIndexNameAddition does: at most 63 bytes.
func nameAddition(names []string) string {
	var b strings.Builder
	for _, n := range names {
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		b.WriteString(n)
		if b.Len() >= maxIdentLen {
			break
		}
	}
	return clipName(b.String(), maxIdentLen)
}

// makeObjectName builds name1_name2_label as PostgreSQL's makeObjectName
// does: when it would exceed 63 bytes, the longer of name1 and name2 is
// shortened first. name2 and label may be empty.
func makeObjectName(name1, name2, label string) string {
	overhead := 0
	if name2 != "" {
		overhead++
	}
	if label != "" {
		overhead += len(label) + 1
	}
	n1, n2 := len(name1), len(name2)
	for avail := maxIdentLen - overhead; n1+n2 > avail && n1+n2 > 0; {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	name := clipName(name1, n1)
	if name2 != "" {
		name += "_" + clipName(name2, n2)
	}
	if label != "" {
		name += "_" + label
	}
	return name
}

// clipName cuts s to at most n bytes without splitting a UTF-8 sequence.
func clipName(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// chooseRelationName returns a name for a new index or sequence in schema,
// as PostgreSQL's ChooseRelationName does: name1_name2_label, or with
// label1, label2, ... when a relation or index already has the name.
func (s *Schema) chooseRelationName(schema, name1, name2, label string) string {
	for pass := 0; ; pass++ {
		l := label
		if pass > 0 {
			l += strconv.Itoa(pass)
		}
		name := makeObjectName(name1, name2, l)
		if q := (QName{schema, name}); s.relations[q] == nil && s.indexes[q] == nil {
			return name
		}
	}
}

// chooseConstraintName is chooseRelationName for CHECK and FOREIGN KEY
// constraints, whose names need only differ from the table's other
// constraints.
func chooseConstraintName(rel *Relation, name1, name2, label string) string {
	for pass := 0; ; pass++ {
		l := label
		if pass > 0 {
			l += strconv.Itoa(pass)
		}
		if name := makeObjectName(name1, name2, l); rel.Constraint(name) == nil {
			return name
		}
	}
}
