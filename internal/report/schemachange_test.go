package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func schemaChangeSample() []SchemaChangeView {
	return []SchemaChangeView{
		{Target: "prod/employee", Path: "bytebase/prod/employee##2##ddl##more.sql", Version: "2", Type: "ddl",
			From: "schema after version 1 (ddl)", To: "schema after version 2 (ddl)", Available: true, Exact: true,
			Changes: []SchemaObjectChange{
				{Kind: "column", Name: "public.employee.country", Op: "added", Summary: "public.employee.country: column added (text)",
					Diff: "--- public.employee.country (from)\n+++ public.employee.country (to)\n@@ -0,0 +1 @@\n+country text\n"},
				{Kind: "index", Name: "public.employee.employee_name_idx", Op: "removed", Summary: "index public.employee.employee_name_idx: removed"},
			}},
		{Target: "prod/employee", Path: "bytebase/prod/employee##3##dml##fill.sql", Version: "3", Type: "dml",
			From: "schema after version 2 (ddl)", To: "schema after version 4 (ddl)", Available: true,
			Note: "the change shown includes 4 (ddl): no snapshot was recorded between them"},
		{Target: "prod/employee2", Version: "3", Note: "no schema snapshot was recorded after this migration"},
		{Target: "prod/employee3", Version: "3", Error: "connecting: refused"},
	}
}

func TestSchemaChangeTextGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := SchemaChangeText(&buf, schemaChangeSample(), false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\x1b[") {
		t.Error("plain output contains escape sequences")
	}
	golden(t, "schemachange.txt", buf.Bytes())
	buf.Reset()
	if err := SchemaChangeText(&buf, schemaChangeSample()[:1], true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\x1b[") {
		t.Error("coloured output has no escape sequences")
	}
	buf.Reset()
	_ = SchemaChangeSection(&buf, schemaChangeSample()[2], false)
	if got, want := buf.String(), "prod/employee2 (version 3)\n  note: no schema snapshot was recorded after this migration\n"; got != want {
		t.Errorf("section: got %q, want %q", got, want)
	}
	buf.Reset()
	_ = SchemaChangeText(&buf, []SchemaChangeView{{Target: "t", Available: true, Exact: true}}, false)
	if got, want := buf.String(), "t\n  no schema change\n✓ no schema change\n"; got != want {
		t.Errorf("no change: got %q, want %q", got, want)
	}
}

func TestSchemaChangeJSONGoldenAndSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := SchemaChangeJSON(&buf, schemaChangeSample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "schemachange.json", buf.Bytes())
	sch, err := jsonschema.NewCompiler().Compile("schema/schemachange.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("does not validate: %v", err)
	}
	buf.Reset()
	_ = SchemaChangeJSON(&buf, nil)
	if got := buf.String(); got != "{\n  \"version\": 1,\n  \"migrations\": []\n}\n" {
		t.Errorf("empty: %q", got)
	}
}
