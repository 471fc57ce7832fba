package pgschema

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestModelCodecCoversDefinition fails when definition gains a field, so
// that MarshalModel, UnmarshalModel and ModelVersion are revisited, and
// checks that every serialised field of a definition comes back.
func TestModelCodecCoversDefinition(t *testing.T) {
	// key and deps only serve Inspect's ordering; the rest is serialised.
	if n := reflect.TypeOf(definition{}).NumField(); n != 11 {
		t.Fatalf("definition has %d fields: update wireObject, MarshalModel, UnmarshalModel and ModelVersion, then this count", n)
	}
	if n := reflect.TypeOf(Table{}).NumField() + reflect.TypeOf(Column{}).NumField(); n != 15+12 {
		t.Fatalf("Table and Column have %d fields: give new ones a json tag, bump ModelVersion, then update this count", n)
	}
	s := &Schema{ServerVersion: 170002, Unsupported: []string{"collation public.german"}, objects: []*definition{
		{kind: "schema", name: "app", rank: rankSchema, create: []string{"CREATE SCHEMA app;"}, owner: []string{"ALTER SCHEMA app OWNER TO o;"}},
		{kind: "table", name: "app.t", rank: rankTable, table: &Table{Schema: "app", Name: "t", Partitioned: true,
			Columns: []Column{{Name: "a", Type: "integer", NotNull: true, Options: []string{"n_distinct=1"}}}},
			create: []string{"CREATE TABLE app.t (a integer NOT NULL);"}, comments: []string{"COMMENT ON TABLE app.t IS 'x';"},
			owner: []string{"ALTER TABLE app.t OWNER TO o;"}, ownedSeqs: []string{"ALTER SEQUENCE app.s OWNED BY app.t.a;"},
			grants: []string{"GRANT SELECT ON TABLE app.t TO PUBLIC;"}},
	}}
	data, err := s.MarshalModel()
	if err != nil {
		t.Fatal(err)
	}
	got, err := UnmarshalModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(s, got, cmp.AllowUnexported(Schema{}, definition{}, oidKey{})); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}
