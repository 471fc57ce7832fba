package model

import (
	"testing"

	"github.com/dbcd/dbcd/internal/sqlparse"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// cmpOpts treats nil and empty slices alike when comparing model values.
var cmpOpts = cmp.Options{cmpopts.EquateEmpty()}

// replay parses sql and applies its statements to s, statement by statement
// (the session is not ended), failing the test if sql does not parse. It
// calls apply directly, so that a panic fails the test instead of being
// swallowed by Apply.
func replay(t testing.TB, s *Schema, sql string) *Schema {
	t.Helper()
	f, err := sqlparse.Parse("test.sql", []byte(sql))
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	for _, st := range f.Statements {
		s.apply(st.Node)
	}
	return s
}

// build replays sql on a new schema.
func build(t testing.TB, sql string) *Schema {
	t.Helper()
	return replay(t, New(), sql)
}

// pub returns the name of a relation of schema public.
func pub(name string) QName {
	return QName{"public", name}
}

// pubp returns a pointer to pub(name).
func pubp(name string) *QName {
	q := pub(name)
	return &q
}

// col returns a nullable column without default.
func col(name, typ string) *Column {
	return &Column{Name: name, Type: typ}
}

// notNull marks c NOT NULL and returns it.
func notNull(c *Column) *Column {
	c.NotNull = true
	return c
}

// withDefault gives c a default and returns it.
func withDefault(c *Column, def string) *Column {
	c.HasDefault, c.Default = true, def
	return c
}

// serialCol returns the column a serial pseudo-type declares.
func serialCol(name, typ, seq string) *Column {
	return &Column{Name: name, Type: typ, NotNull: true, HasDefault: true, Serial: true,
		Default: "nextval('public." + seq + "'::regclass)"}
}

// btree returns a valid btree index of a public table.
func btree(name, table string, cols ...string) *Index {
	return &Index{Name: pub(name), Table: pub(table), Method: "btree", Columns: cols, Valid: true}
}

// unique marks idx unique and returns it.
func unique(idx *Index) *Index {
	idx.Unique = true
	return idx
}

// pkIndex returns the index of the primary key table_pkey.
func pkIndex(table string, cols ...string) *Index {
	idx := unique(btree(table+"_pkey", table, cols...))
	idx.Primary = true
	return idx
}

// keyCon returns an index-backed constraint named after its index.
func keyCon(typ, name string, cols ...string) *Constraint {
	return &Constraint{Name: name, Type: typ, Columns: cols, Index: name}
}

// fkCon returns a foreign key with no referential actions.
func fkCon(name string, cols []string, ref string, refCols ...string) *Constraint {
	return &Constraint{Name: name, Type: ConForeign, Columns: cols, RefTable: pubp(ref), RefColumns: refCols,
		OnDelete: "no action", OnUpdate: "no action"}
}

// checkCon returns a valid CHECK constraint.
func checkCon(name, expr string, cols ...string) *Constraint {
	return &Constraint{Name: name, Type: ConCheck, Columns: cols, Expr: expr}
}

// sequence returns a sequence of schema public.
func sequence(name string) *Relation {
	return &Relation{Name: pub(name), Kind: KindSequence}
}
