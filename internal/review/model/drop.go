package model

import (
	"maps"
	"slices"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// relKinds maps the object types of DROP to the relation kinds they drop.
var relKinds = map[sqlparse.ObjectType][]RelKind{
	sqlparse.OBJECT_TABLE:         {KindTable, KindPartitioned},
	sqlparse.OBJECT_VIEW:          {KindView},
	sqlparse.OBJECT_MATVIEW:       {KindMatView},
	sqlparse.OBJECT_FOREIGN_TABLE: {KindForeign},
	sqlparse.OBJECT_SEQUENCE:      {KindSequence},
}

// drop replays DROP of relations, indexes, schemas, types, domains and
// functions. Dropping is the same with or without CASCADE: objects that
// PostgreSQL drops anyway go (indexes, constraints, partitions, serial
// sequences, foreign keys referencing a dropped table), and other dependent
// objects, such as views, are not tracked.
func (s *Schema) drop(d *sqlparse.DropStmt) {
	switch t := d.GetRemoveType(); t {
	case sqlparse.OBJECT_INDEX:
		for _, obj := range d.GetObjects() {
			if idx := s.indexes[s.Resolve(objName(obj.GetList().GetItems()))]; idx != nil {
				s.removeIndex(idx)
			}
		}
	case sqlparse.OBJECT_SCHEMA:
		for _, obj := range d.GetObjects() {
			s.dropSchema(sqlparse.StringValue(obj))
		}
	case sqlparse.OBJECT_TYPE, sqlparse.OBJECT_DOMAIN:
		for _, obj := range d.GetObjects() {
			q := s.typeName(obj.GetTypeName().GetNames())
			delete(s.domains, q)
			if t == sqlparse.OBJECT_TYPE {
				delete(s.enums, q)
				delete(s.composites, q)
			}
		}
	case sqlparse.OBJECT_FUNCTION, sqlparse.OBJECT_PROCEDURE, sqlparse.OBJECT_ROUTINE, sqlparse.OBJECT_AGGREGATE:
		for _, obj := range d.GetObjects() {
			s.dropFunction(obj.GetObjectWithArgs())
		}
	default:
		kinds := relKinds[t]
		set := map[QName]bool{}
		for _, obj := range d.GetObjects() {
			q := s.Resolve(objName(obj.GetList().GetItems()))
			if r := s.relations[q]; r != nil && slices.Contains(kinds, r.Kind) {
				set[q] = true
			}
		}
		s.dropRelations(set)
	}
}

// removeRelation removes one relation with its indexes and serial
// sequences; its partitions, if any, become plain tables.
func (s *Schema) removeRelation(q QName) {
	rel := s.relations[q]
	if rel == nil {
		return
	}
	for _, p := range s.Partitions(q) {
		p.PartitionOf, p.DefaultPartition = nil, false
	}
	delete(s.relations, q)
	for _, idx := range rel.Indexes {
		delete(s.indexes, idx.Name)
	}
	for _, c := range rel.Constraints {
		s.unindexForeignKey(c)
	}
	for _, c := range rel.Columns {
		if seq, ok := serialSequence(c); ok && s.relations[seq] != nil && s.relations[seq].Kind == KindSequence {
			delete(s.relations, seq)
		}
	}
}

// dropRelations drops the relations of set with their partitions, and
// removes the foreign keys of other tables that reference them.
func (s *Schema) dropRelations(set map[QName]bool) {
	if len(set) == 0 {
		return
	}
	set = maps.Clone(set)
	// Partitions are found from their parents, as only partitioned tables
	// have partitions: no scan of every relation unless one is dropped.
	queue := slices.Collect(maps.Keys(set))
	for i := 0; i < len(queue); i++ {
		for _, p := range s.Partitions(queue[i]) {
			if !set[p.Name] {
				set[p.Name] = true
				queue = append(queue, p.Name)
			}
		}
	}
	for q := range set {
		s.removeRelation(q)
	}
	for q := range set {
		for _, fk := range s.referencing(q) {
			s.dropConstraint(fk.rel, fk.con)
		}
	}
}

// dropSchema drops a schema and everything in it.
func (s *Schema) dropSchema(name string) {
	if !s.schemas[name] {
		return
	}
	delete(s.schemas, name)
	set := map[QName]bool{}
	for q := range s.relations {
		if q.Schema == name {
			set[q] = true
		}
	}
	s.dropRelations(set)
	for _, q := range s.typeAndFunctionNames() {
		if q.Schema == name {
			delete(s.enums, q)
			delete(s.domains, q)
			delete(s.composites, q)
			delete(s.functions, q)
		}
	}
}

// typeAndFunctionNames returns the names of all types and functions.
func (s *Schema) typeAndFunctionNames() []QName {
	var names []QName
	names = slices.AppendSeq(names, maps.Keys(s.enums))
	names = slices.AppendSeq(names, maps.Keys(s.domains))
	names = slices.AppendSeq(names, maps.Keys(s.composites))
	return slices.AppendSeq(names, maps.Keys(s.functions))
}

// rename replays ALTER ... RENAME for relations, indexes, columns,
// constraints, types, domains, schemas and functions.
func (s *Schema) rename(r *sqlparse.RenameStmt) {
	switch r.GetRenameType() {
	case sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW,
		sqlparse.OBJECT_FOREIGN_TABLE, sqlparse.OBJECT_SEQUENCE, sqlparse.OBJECT_INDEX:
		q := s.relName(r.GetRelation())
		if rel := s.relations[q]; rel != nil {
			s.moveRelation(rel, QName{q.Schema, r.GetNewname()})
		} else if idx := s.indexes[q]; idx != nil {
			s.renameIndex(idx, r.GetNewname())
		}
	case sqlparse.OBJECT_COLUMN:
		if rel := s.lookupRel(r.GetRelation()); rel != nil {
			s.renameColumn(rel, r.GetSubname(), r.GetNewname(), r.GetRelation().GetInh())
		}
	case sqlparse.OBJECT_ATTRIBUTE:
		if t := s.composites[s.ResolveType(sqlparse.RangeVarName(r.GetRelation()))]; t != nil {
			for _, a := range t.Attributes {
				if a.Name == r.GetSubname() {
					a.Name = r.GetNewname()
				}
			}
		}
	case sqlparse.OBJECT_TABCONSTRAINT:
		s.renameConstraint(s.lookupRel(r.GetRelation()), r.GetSubname(), r.GetNewname())
	case sqlparse.OBJECT_TYPE, sqlparse.OBJECT_DOMAIN:
		q := s.typeName(r.GetObject().GetList().GetItems())
		s.moveType(q, QName{q.Schema, r.GetNewname()})
	case sqlparse.OBJECT_DOMCONSTRAINT:
		if d := s.domains[s.typeName(r.GetObject().GetList().GetItems())]; d != nil {
			if i := slices.Index(d.CheckNames, r.GetSubname()); i >= 0 {
				d.CheckNames[i] = r.GetNewname()
			}
		}
	case sqlparse.OBJECT_SCHEMA:
		s.renameSchema(r.GetSubname(), r.GetNewname())
	case sqlparse.OBJECT_FUNCTION, sqlparse.OBJECT_PROCEDURE, sqlparse.OBJECT_ROUTINE, sqlparse.OBJECT_AGGREGATE:
		s.moveFunction(r.GetObject().GetObjectWithArgs(), "", r.GetNewname())
	}
}

// renameConstraint renames a table constraint; an index-backed one renames
// its index too.
func (s *Schema) renameConstraint(rel *Relation, from, to string) {
	if rel == nil || rel.Constraint(from) == nil || rel.Constraint(to) != nil {
		return
	}
	con := rel.Constraint(from)
	if idx := s.indexes[QName{rel.Name.Schema, con.Index}]; con.Index != "" && idx != nil &&
		con.Type != ConCheck && con.Type != ConForeign {
		s.renameIndex(idx, to)
		return
	}
	con.Name = to
}

// setSchema replays ALTER ... SET SCHEMA.
func (s *Schema) setSchema(a *sqlparse.AlterObjectSchemaStmt) {
	to := a.GetNewschema()
	switch a.GetObjectType() {
	case sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW,
		sqlparse.OBJECT_FOREIGN_TABLE, sqlparse.OBJECT_SEQUENCE:
		if rel := s.lookupRel(a.GetRelation()); rel != nil {
			s.moveRelation(rel, QName{to, rel.Name.Name})
		}
	case sqlparse.OBJECT_TYPE, sqlparse.OBJECT_DOMAIN:
		q := s.typeName(a.GetObject().GetList().GetItems())
		s.moveType(q, QName{to, q.Name})
	case sqlparse.OBJECT_FUNCTION, sqlparse.OBJECT_PROCEDURE, sqlparse.OBJECT_ROUTINE, sqlparse.OBJECT_AGGREGATE:
		s.moveFunction(a.GetObject().GetObjectWithArgs(), to, "")
	}
}

// moveRelation renames rel to q, possibly in another schema, and updates
// what refers to it: its indexes (which follow it to a new schema, as do its
// serial sequences), foreign keys, partitions and columns of its row type.
// A name already taken leaves everything unchanged.
func (s *Schema) moveRelation(rel *Relation, q QName) {
	from := rel.Name
	if from == q || s.relations[q] != nil || s.indexes[q] != nil {
		return
	}
	// Only a partitioned table has partitions (see checkInvariants):
	// Partitions finds them without a scan of every relation otherwise.
	parts := s.Partitions(from)
	s.schemas[q.Schema] = true
	delete(s.relations, from)
	rel.Name = q
	s.relations[q] = rel
	for _, idx := range rel.Indexes {
		idx.Table = q
		if from.Schema != q.Schema {
			delete(s.indexes, idx.Name)
			idx.Name.Schema = q.Schema
			s.indexes[idx.Name] = idx
		}
	}
	if from.Schema != q.Schema {
		for _, c := range rel.Columns {
			if seq, ok := serialSequence(c); ok {
				if sr := s.relations[seq]; sr != nil && sr.Kind == KindSequence {
					s.moveRelation(sr, QName{q.Schema, seq.Name})
				}
				c.Default = nextvalDefault(QName{q.Schema, seq.Name})
			}
		}
	}
	for _, fk := range s.referencing(from) {
		s.unindexForeignKey(fk.con)
		*fk.con.RefTable = q
		s.indexForeignKey(fk.rel, fk.con)
	}
	for _, p := range parts {
		*p.PartitionOf = q
	}
	s.retype(from, q)
}

// moveType renames the enum, domain or composite type from to the name to,
// possibly in another schema, and updates the columns, domains and
// functions that use it.
func (s *Schema) moveType(from, to QName) {
	if from == to || s.typeExists(to) {
		return
	}
	switch {
	case s.enums[from] != nil:
		e := s.enums[from]
		delete(s.enums, from)
		e.Name, s.enums[to] = to, e
	case s.domains[from] != nil:
		d := s.domains[from]
		delete(s.domains, from)
		d.Name, s.domains[to] = to, d
	case s.composites[from] != nil:
		t := s.composites[from]
		delete(s.composites, from)
		t.Name, s.composites[to] = to, t
	default:
		return
	}
	s.schemas[to.Schema] = true
	s.retype(from, to)
}

// retype replaces the type from by to in column, domain and function types
// (arrays and type modifiers included).
func (s *Schema) retype(from, to QName) {
	old, repl := from.String(), to.String()
	fix := func(t *string) {
		if rest, ok := cutTypePrefix(*t, old); ok {
			*t = repl + rest
		}
	}
	fixColumns := func(cols []*Column) {
		for _, c := range cols {
			fix(&c.Type)
		}
	}
	for _, r := range s.relations {
		fixColumns(r.Columns)
	}
	for _, t := range s.composites {
		fixColumns(t.Attributes)
	}
	for _, d := range s.domains {
		fix(&d.BaseType)
	}
	for _, fs := range s.functions {
		for _, f := range fs {
			for i := range f.Args {
				fix(&f.Args[i])
			}
			fix(&f.Returns)
		}
	}
}

// cutTypePrefix reports whether the type t is the type name, possibly
// followed by type modifiers or array brackets, and returns what follows.
func cutTypePrefix(t, name string) (string, bool) {
	if len(t) < len(name) || t[:len(name)] != name {
		return "", false
	}
	rest := t[len(name):]
	if rest == "" || rest[0] == '[' || rest[0] == '(' {
		return rest, true
	}
	return "", false
}

// renameSchema replays ALTER SCHEMA ... RENAME TO: everything in the
// schema moves to the new name.
func (s *Schema) renameSchema(from, to string) {
	if !s.schemas[from] || s.schemas[to] {
		return
	}
	s.schemas[to] = true
	for _, r := range s.Relations() {
		if r.Name.Schema == from && s.relations[r.Name] == r {
			s.moveRelation(r, QName{to, r.Name.Name})
		}
	}
	for _, q := range s.typeAndFunctionNames() {
		if q.Schema != from {
			continue
		}
		if fs := s.functions[q]; fs != nil {
			delete(s.functions, q)
			for _, f := range fs {
				f.Name.Schema = to
			}
			s.functions[QName{to, q.Name}] = fs
		} else {
			s.moveType(q, QName{to, q.Name})
		}
	}
	delete(s.schemas, from)
}
