// Package model is the database schema known to review: tables, columns,
// indexes, constraints, types and functions, built by replaying migration
// statements through the parser, without a server.
//
// A Schema starts empty (New) or from a schema dump (LoadSQL), and each
// parsed statement is replayed with Apply. Replay follows PostgreSQL where
// it matters to review rules: names are resolved through the search_path,
// unnamed constraints and indexes get the names PostgreSQL would generate
// (t_pkey, t_a_key, t_a_fkey, t_a_check, t_a_idx), PRIMARY KEY, serial and
// identity columns are NOT NULL, and changes to a partitioned table reach its
// partitions.
//
// The model assumes that every statement succeeds. A statement PostgreSQL
// would reject because its object already exists (CREATE TABLE without IF
// NOT EXISTS, ADD COLUMN of an existing column) replaces the old definition:
// the file's own definition is what later statements are written against.
// Statements on unknown objects, statements the model does not track
// (GRANT, COMMENT, triggers, policies, DO blocks, DML) and transaction
// control are ignored; ROLLBACK does not undo anything.
//
// Identifiers are compared exactly: the parser already folds unquoted
// identifiers to lower case and keeps quoted ones verbatim, so
// public.Payslip is public.payslip while "Orders" differs from orders.
//
// A Schema is not safe for concurrent use; Clone gives each goroutine its
// own copy.
package model

import (
	"cmp"
	"slices"
)

// QName is a schema-qualified object name. Both parts are stored as
// PostgreSQL stores them (case-folded unless quoted).
type QName struct {
	Schema, Name string
}

// String returns "schema.name", or the name alone when the schema is empty.
// The parts are not quoted.
func (q QName) String() string {
	if q.Schema == "" {
		return q.Name
	}
	return q.Schema + "." + q.Name
}

// compareQName orders names by schema, then name.
func compareQName(a, b QName) int {
	return cmp.Or(cmp.Compare(a.Schema, b.Schema), cmp.Compare(a.Name, b.Name))
}

// RelKind is the kind of a relation.
type RelKind string

// The relation kinds.
const (
	KindTable       RelKind = "table"
	KindPartitioned RelKind = "partitioned"
	KindView        RelKind = "view"
	KindMatView     RelKind = "matview"
	KindForeign     RelKind = "foreign"
	KindSequence    RelKind = "sequence"
)

// Relation is a table, partitioned table, view, materialized view, foreign
// table or sequence.
type Relation struct {
	Name     QName
	Kind     RelKind
	Unlogged bool
	// Columns are in table order. Views and CREATE TABLE AS get the
	// columns their query names when it is simple (no '*'), with an empty
	// Type; sequences have none.
	Columns []*Column
	// Indexes are the relation's indexes in creation order, including those
	// backing PRIMARY KEY, UNIQUE and EXCLUDE constraints.
	Indexes []*Index
	// Constraints are the table constraints in creation order. NOT NULL is
	// not a constraint here but Column.NotNull.
	Constraints []*Constraint
	// PartitionOf is the parent of a partition, nil for other relations.
	PartitionOf *QName
	// DefaultPartition reports a partition created or attached with
	// DEFAULT: it holds the rows no other partition accepts, so adding a
	// partition to its parent scans it under ACCESS EXCLUSIVE.
	DefaultPartition bool
}

// Column returns the column called name, or nil.
func (r *Relation) Column(name string) *Column {
	for _, c := range r.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Constraint returns the constraint called name, or nil.
func (r *Relation) Constraint(name string) *Constraint {
	for _, c := range r.Constraints {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// PrimaryKey returns the primary key constraint, or nil.
func (r *Relation) PrimaryKey() *Constraint {
	for _, c := range r.Constraints {
		if c.Type == ConPrimary {
			return c
		}
	}
	return nil
}

// Column is a column of a relation or an attribute of a composite type.
type Column struct {
	Name string
	// Type is the normalised type (see sqlparse.TypeNameString): integer,
	// character varying(20), timestamp with time zone, numeric(10,2),
	// text[]. User types known to the model are schema-qualified
	// (public.mood) however they were written. A serial column has its
	// real type (integer, bigint or smallint) and Serial set.
	Type    string
	NotNull bool
	// HasDefault reports a DEFAULT (serial columns have one: nextval of
	// their sequence); Default is its deparsed text.
	HasDefault bool
	Default    string
	// Identity is "always", "by default", or "" for a column that is not an
	// identity column.
	Identity string
	// Generated reports a stored generated column; GeneratedExpr is its
	// expression.
	Generated     bool
	GeneratedExpr string
	// Serial reports a column declared serial, bigserial or smallserial in
	// the replayed statements (a schema dump declares these as a plain
	// column with a nextval default, so Serial is false there).
	Serial bool
	// Collation is the COLLATE clause's collation, "" when none was given.
	Collation string
}

// Index is an index of a relation.
type Index struct {
	// Name is the index name; indexes live in the schema of their table.
	Name  QName
	Table QName
	// Unique is set for unique indexes, those of PRIMARY KEY and UNIQUE
	// constraints included; Primary only for a primary key's index.
	Unique, Primary bool
	// Method is the access method: btree, hash, gist, gin, brin, ...
	Method string
	// Columns are the key columns: a column name, or the deparsed text of
	// an expression.
	Columns []string
	// Include are the INCLUDE columns.
	Include []string
	// Predicate is the deparsed WHERE clause of a partial index.
	Predicate string
	// Valid is false for an index built with CREATE INDEX ... ON ONLY a
	// partitioned table with partitions, until an index is attached for
	// each of them.
	Valid bool
}

// The constraint types (Constraint.Type).
const (
	ConPrimary   = "primary"
	ConUnique    = "unique"
	ConForeign   = "foreign"
	ConCheck     = "check"
	ConExclusion = "exclusion"
)

// Constraint is a table constraint.
type Constraint struct {
	Name string
	// Type is one of "primary", "unique", "foreign", "check", "exclusion".
	Type string
	// Columns are the key columns (primary, unique, exclusion), the
	// referencing columns (foreign), or the columns a CHECK expression
	// mentions, in order of first mention.
	Columns []string
	// NotValid reports a CHECK or FOREIGN KEY added with NOT VALID and not
	// validated since.
	NotValid bool
	// RefTable and RefColumns are what a foreign key references.
	// RefColumns are the referenced table's primary key columns when the
	// statement named none and the primary key was known.
	RefTable   *QName
	RefColumns []string
	// OnDelete and OnUpdate are the referential actions of a foreign key:
	// "no action", "restrict", "cascade", "set null" or "set default".
	OnDelete, OnUpdate string
	// Expr is the deparsed CHECK expression, or the WHERE clause of an
	// exclusion constraint.
	Expr string
	// Index is the name of the index backing a primary, unique or exclusion
	// constraint (the adopted index for ADD ... USING INDEX, which
	// PostgreSQL renames to the constraint's name).
	Index string
}

// Enum is an enum type.
type Enum struct {
	Name   QName
	Values []string
}

// Domain is a domain type.
type Domain struct {
	Name     QName
	BaseType string
	NotNull  bool
	// Default is the deparsed DEFAULT of the domain, "" when it has none.
	Default string
	// Checks are the deparsed CHECK expressions and CheckNames their
	// constraint names, index for index.
	Checks     []string
	CheckNames []string
}

// CompositeType is a composite type (CREATE TYPE ... AS (...)).
type CompositeType struct {
	Name       QName
	Attributes []*Column
}

// The function kinds (Function.Kind).
const (
	FuncFunction  = "function"
	FuncProcedure = "procedure"
	FuncAggregate = "aggregate"
)

// The volatility categories (Function.Volatility).
const (
	Immutable = "immutable"
	Stable    = "stable"
	Volatile  = "volatile"
)

// Function is a user-defined function, procedure or aggregate.
type Function struct {
	Name QName
	// Args are the normalised types of the input arguments, which
	// identify an overload.
	Args []string
	// Returns is the normalised return type, "" for procedures.
	Returns string
	// Volatility is "immutable", "stable" or "volatile" (the default).
	Volatility string
	// Kind is "function", "procedure" or "aggregate".
	Kind string
}

// Relation returns the relation called q, or nil.
func (s *Schema) Relation(q QName) *Relation {
	return s.relations[q]
}

// Index returns the index called q, or nil.
func (s *Schema) Index(q QName) *Index {
	return s.indexes[q]
}

// Enum returns the enum type called q, or nil.
func (s *Schema) Enum(q QName) *Enum {
	return s.enums[q]
}

// Domain returns the domain called q, or nil.
func (s *Schema) Domain(q QName) *Domain {
	return s.domains[q]
}

// Composite returns the composite type called q, or nil.
func (s *Schema) Composite(q QName) *CompositeType {
	return s.composites[q]
}

// Function returns the overloads of the function, procedure or aggregate
// called name, in creation order, or nil.
func (s *Schema) Function(name QName) []*Function {
	return s.functions[name]
}

// HasSchema reports whether the schema (namespace) exists.
func (s *Schema) HasSchema(name string) bool {
	return s.schemas[name]
}

// Schemas returns the names of the schemas, sorted.
func (s *Schema) Schemas() []string {
	names := make([]string, 0, len(s.schemas))
	for n := range s.schemas {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Relations returns every relation, sorted by schema and name.
func (s *Schema) Relations() []*Relation {
	rels := make([]*Relation, 0, len(s.relations))
	for _, r := range s.relations {
		rels = append(rels, r)
	}
	slices.SortFunc(rels, func(a, b *Relation) int { return compareQName(a.Name, b.Name) })
	return rels
}

// DefaultPartition returns the DEFAULT partition of the partitioned table
// q, or nil when it has none.
func (s *Schema) DefaultPartition(q QName) *Relation {
	if parent := s.relations[q]; parent == nil || parent.Kind != KindPartitioned {
		return nil
	}
	for _, r := range s.relations {
		if r.DefaultPartition && r.PartitionOf != nil && *r.PartitionOf == q {
			return r
		}
	}
	return nil
}

// Partitions returns the partitions whose parent is q, sorted by name.
func (s *Schema) Partitions(q QName) []*Relation {
	if parent := s.relations[q]; parent == nil || parent.Kind != KindPartitioned {
		return nil // only partitioned tables have partitions: skip the scan
	}
	var parts []*Relation
	for _, r := range s.relations {
		if r.PartitionOf != nil && *r.PartitionOf == q {
			parts = append(parts, r)
		}
	}
	slices.SortFunc(parts, func(a, b *Relation) int { return compareQName(a.Name, b.Name) })
	return parts
}
