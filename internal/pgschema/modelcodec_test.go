package pgschema_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestModelRoundTrip serialises the model of the rich fixture schema (with
// owners and grants) and reads it back: the copy dumps to the same bytes,
// compares equal, has the same objects and tables, and diffs against a
// changed schema exactly as the original does.
func TestModelRoundTrip(t *testing.T) {
	db := pgtest.New(t)
	loadFixture(t, db)
	admin := adminConn(t, db.AdminURL())
	mustExec(t, admin, `GRANT SELECT ON shop.customer TO PUBLIC`)
	opts := pgschema.Options{IncludeOwners: true, IncludeGrants: true}
	orig := inspect(t, admin, opts)

	data, err := orig.MarshalModel()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := orig.MarshalModel()
	if !bytes.Equal(data, again) {
		t.Error("MarshalModel is not deterministic")
	}
	got, err := pgschema.UnmarshalModel(data)
	if err != nil {
		t.Fatal(err)
	}
	diffDumps(t, "dump and dump of the decoded model", orig.Dump(), got.Dump())
	if d := pgschema.Compare(orig, got); !d.Empty() {
		t.Errorf("Compare(original, decoded) = %+v", d.Changes)
	}
	if d := cmp.Diff(objectsOf(orig), objectsOf(got), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("objects (-original +decoded):\n%s", d)
	}
	if d := cmp.Diff(orig.Unsupported, got.Unsupported, cmpopts.EquateEmpty()); d != "" || orig.ServerVersion != got.ServerVersion {
		t.Errorf("header: %s, server %d vs %d", d, orig.ServerVersion, got.ServerVersion)
	}
	if redo, _ := got.MarshalModel(); !bytes.Equal(redo, data) {
		t.Error("the decoded model serialises differently")
	}

	// Changes of each part of an object's DDL (a column, a comment, a
	// grant, an owned sequence, an index) diff the same against the
	// decoded model as against the original.
	mustExec(t, admin, `ALTER TABLE shop.customer ADD COLUMN city text;
COMMENT ON TABLE shop.customer IS 'changed';
REVOKE SELECT ON shop.customer FROM PUBLIC;
CREATE INDEX customer_city ON shop.customer (city)`)
	changed := inspect(t, admin, opts)
	want, have := pgschema.Compare(orig, changed), pgschema.Compare(got, changed)
	if want.Empty() {
		t.Fatal("the change did not show")
	}
	if d := cmp.Diff(want, have); d != "" {
		t.Errorf("diff against a changed schema (-original +decoded):\n%s", d)
	}
}

// object is what an Object gives, for comparison.
type object struct {
	Kind, Name, SQL string
	Table           *pgschema.Table
}

func objectsOf(s *pgschema.Schema) []object {
	var out []object
	for _, o := range s.Objects() {
		out = append(out, object{o.Kind(), o.Name(), o.SQL(), o.Table()})
	}
	return out
}

func TestUnmarshalModelRefusesOtherVersionsAndGarbage(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, `CREATE TABLE public.employee (id int PRIMARY KEY, name text NOT NULL)`)
	data, err := dumpOf(t, db).MarshalModel()
	if err != nil {
		t.Fatal(err)
	}
	const magic = "dbcd schema model\n"
	if !bytes.HasPrefix(data, []byte(magic+"\x01\x01")) {
		t.Fatalf("model starts %q", data[:min(len(data), 40)])
	}
	with := func(at int, b byte) string {
		c := bytes.Clone(data)
		c[at] = b
		return string(c)
	}
	for name, tc := range map[string]struct {
		data    string
		version bool
	}{
		"other format":   {with(len(magic), 99), true},
		"other model":    {with(len(magic)+1, 99), true},
		"truncated":      {string(data[:len(data)/2]), false},
		"header only":    {magic, false},
		"empty":          {"", false},
		"not a model":    {"CREATE TABLE a ();", false},
		"huge count":     {magic + "\x01\x01\x01\xff\xff\xff\xff\x0f", false},
		"trailing":       {string(data) + "\x00", false},
		"bad bool":       {magic + "\x01\x01\x00\x00\x01\x01k\x01n\x00\x00\x00\x00\x00\x00\x07", false},
		"table no table": {magic + "\x01\x01\x00\x00\x01\x05table\x01n\x00\x00\x00\x00\x00\x00\x00", false},
	} {
		s, err := pgschema.UnmarshalModel([]byte(tc.data))
		if err == nil || s != nil {
			t.Errorf("%s: decoded", name)
			continue
		}
		if errors.Is(err, pgschema.ErrModelVersion) != tc.version {
			t.Errorf("%s: %v, version error %v", name, err, tc.version)
		}
	}
	// A well-formed model of one object decodes.
	one := magic + "\x01\x01\x00\x00\x01\x06schema\x03app\x00\x00\x00\x00\x00\x00\x00"
	if s, err := pgschema.UnmarshalModel([]byte(one)); err != nil || len(s.Objects()) != 1 {
		t.Errorf("one schema: %v, %v", s, err)
	}
}
