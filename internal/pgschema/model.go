package pgschema

import (
	"strings"
)

// Object is one object of a schema with the DDL that creates it.
type Object interface {
	// Kind is the kind of object, such as "table", "index" or "function".
	Kind() string
	// Name is the qualified name: public.employee for a table,
	// public.employee.employee_pkey for a constraint or index,
	// public.add(integer, integer) for a function.
	Name() string
	// SQL is the DDL of the object: the statements that create it and
	// those that belong to it alone (comments, owner, grants), each ending
	// in a semicolon and a newline.
	SQL() string
	// Table is the structured table for kind "table", nil otherwise.
	Table() *Table
}

// Table is the structure of a table, for a diff that works column by column.
type Table struct {
	Schema string
	Name   string
	// Partitioned is true for a partitioned table (PARTITION BY).
	Partitioned bool
	Unlogged    bool
	// Columns are in attnum order, which is the order of the table's
	// columns. A partition has none: it takes its parent's, and so does an
	// inheritance child for the columns it inherits.
	Columns []Column
	// Inherited are the columns a partition or inheritance child takes
	// from its parent but sets differently (default, NOT NULL, storage,
	// compression, statistics target or options), as this table has them.
	Inherited []Column
	// Options are the storage parameters, such as fillfactor=70, sorted.
	Options []string
	// PartitionKey is the PARTITION BY clause's argument, such as RANGE (created_at).
	PartitionKey string
	// PartitionOf is the parent of a partition, and PartitionBound its
	// FOR VALUES clause.
	PartitionOf    string
	PartitionBound string
	// Inherits lists the parents of a table that uses INHERITS.
	Inherits         []string
	AccessMethod     string
	RowSecurity      bool
	ForceRowSecurity bool
	// ReplicaIdentity is d (default), n (nothing), f (full) or i (index).
	ReplicaIdentity string
}

// Column is one column of a table.
type Column struct {
	Name string
	// Type is the type as format_type writes it, such as character varying(20).
	Type string
	// Collation is set when it differs from the type's default.
	Collation string
	// Default is the DEFAULT expression, or the expression of a generated column.
	Default string
	// Generated is "STORED" for a generated column.
	Generated string
	// Identity is "ALWAYS" or "BY DEFAULT" for an identity column, and
	// IdentityOptions the options of its sequence.
	Identity        string
	IdentityOptions string
	NotNull         bool
	// Storage is PLAIN, MAIN, EXTERNAL or EXTENDED when it is not the
	// type's default storage.
	Storage string
	// Compression is the compression method set on the column (pglz, lz4).
	Compression string
	// Statistics is the statistics target set on the column, such as "500".
	Statistics string
	// Options are the attribute options, such as n_distinct=-0.5, sorted.
	Options []string
}

// oidKey identifies a catalog row: the OID of its catalog and its own OID.
type oidKey struct{ class, oid uint32 }

// OIDs of the system catalogs. They are fixed by PostgreSQL's bootstrap
// data and the same in every version dbcd supports.
const (
	classType        = 1247
	classProc        = 1255
	classClass       = 1259
	classConstraint  = 2606
	classRewrite     = 2618
	classTrigger     = 2620
	classNamespace   = 2615
	classExtension   = 3079
	classPolicy      = 3256
	classEventTrig   = 3466
	classPublication = 6104
)

// Ranks order the kinds when dependencies leave a choice.
const (
	rankSchema = iota
	rankExtension
	rankType
	rankDomain
	rankFunction
	rankAggregate
	rankSequence
	rankTable
	rankView
	rankMatView
	rankConstraint
	rankIndex
	rankForeignKey
	rankTrigger
	rankRule
	rankPolicy
	rankPublication
	rankEventTrigger
)

// definition is the one implementation of Object.
type definition struct {
	kind  string
	name  string
	rank  int
	key   oidKey
	table *Table
	// create holds the statements that create the object.
	create []string
	// comments, owner and grants are attached after Inspect has read them.
	comments []string
	owner    []string
	// ownedSeqs are a table's ALTER SEQUENCE ... OWNED BY statements. They
	// follow the owner: a sequence must have its table's owner to be linked.
	ownedSeqs []string
	grants    []string
	// deps are the objects this one needs, filled by the ordering.
	deps []*definition
}

func (d *definition) Kind() string  { return d.kind }
func (d *definition) Name() string  { return d.name }
func (d *definition) Table() *Table { return d.table }

func (d *definition) SQL() string {
	var b strings.Builder
	b.Grow(d.sqlLen())
	d.writeSQL(&b)
	return b.String()
}

// writeSQL writes what SQL returns to b.
func (d *definition) writeSQL(b *strings.Builder) {
	for _, part := range [][]string{d.create, d.comments, d.owner, d.ownedSeqs, d.grants} {
		for _, stmt := range part {
			b.WriteString(stmt)
			b.WriteByte('\n')
		}
	}
}

// sqlLen is the length of what SQL returns.
func (d *definition) sqlLen() int {
	n := 0
	for _, part := range [][]string{d.create, d.comments, d.owner, d.ownedSeqs, d.grants} {
		for _, stmt := range part {
			n += len(stmt) + 1
		}
	}
	return n
}

// less orders definitions by rank, then name, then kind.
func (d *definition) less(o *definition) bool {
	if d.rank != o.rank {
		return d.rank < o.rank
	}
	if d.name != o.name {
		return d.name < o.name
	}
	return d.kind < o.kind
}

// Schema is the normalised schema of one database.
type Schema struct {
	// ServerVersion is the server_version_num of the server it was read from.
	ServerVersion int
	// Unsupported names the objects dbcd found but cannot model, sorted,
	// such as "collation public.german".
	Unsupported []string
	// objects are in dump (dependency) order.
	objects []*definition
}

// Objects returns every object in dump order: dependencies first.
func (s *Schema) Objects() []Object {
	out := make([]Object, len(s.objects))
	for i, d := range s.objects {
		out[i] = d
	}
	return out
}

// Lookup returns the object of the given kind and name, or nil.
func (s *Schema) Lookup(kind, name string) Object {
	for _, d := range s.objects {
		if d.kind == kind && d.name == name {
			return d
		}
	}
	return nil
}
