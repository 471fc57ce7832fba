package sqlparse

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stmtPos is what the splitting tests compare for each statement.
type stmtPos struct {
	Line, Column, EndLine int
	Text                  string
}

// splitTests are migration files with the statements Parse must find. They
// also seed the fuzz tests.
var splitTests = []struct {
	name string
	src  string
	want []stmtPos
}{
	{
		name: "dollar-quoted function body",
		src: "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1; -- not the end;\nEND;\n$$ LANGUAGE plpgsql;\n" +
			"SELECT f();\n",
		want: []stmtPos{
			{1, 1, 5, "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1; -- not the end;\nEND;\n$$ LANGUAGE plpgsql"},
			{6, 1, 6, "SELECT f()"},
		},
	},
	{
		name: "named dollar tag",
		src:  "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$;\n  SELECT 2;",
		want: []stmtPos{
			{1, 1, 1, "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$"},
			{2, 3, 2, "SELECT 2"},
		},
	},
	{
		name: "DO block",
		src:  "DO $$\nBEGIN\n  EXECUTE 'SELECT 1;';\nEND\n$$;\nVACUUM;\n",
		want: []stmtPos{
			{1, 1, 5, "DO $$\nBEGIN\n  EXECUTE 'SELECT 1;';\nEND\n$$"},
			{6, 1, 6, "VACUUM"},
		},
	},
	{
		name: "comments containing semicolons",
		src:  "-- first; comment\nSELECT 1; /* block; /* nested; */ still; */ SELECT 2;",
		want: []stmtPos{
			{2, 1, 2, "SELECT 1"},
			{2, 45, 2, "SELECT 2"},
		},
	},
	{
		name: "missing final semicolon",
		src:  "SELECT 1;\nSELECT 2\n",
		want: []stmtPos{{1, 1, 1, "SELECT 1"}, {2, 1, 2, "SELECT 2"}},
	},
	{
		name: "missing final semicolon before a comment",
		src:  "SELECT 1;\nSELECT 2 -- no semicolon;\n/* trailing */\n",
		want: []stmtPos{{1, 1, 1, "SELECT 1"}, {2, 1, 2, "SELECT 2"}},
	},
	{
		name: "comment between statement and semicolon",
		src:  "SELECT 1 -- why\n;\nSELECT 2;",
		want: []stmtPos{{1, 1, 1, "SELECT 1"}, {3, 1, 3, "SELECT 2"}},
	},
	{
		name: "escape string with backslash-quote",
		src:  "SELECT E'it\\'s; fine';\nSELECT 2;",
		want: []stmtPos{{1, 1, 1, "SELECT E'it\\'s; fine'"}, {2, 1, 2, "SELECT 2"}},
	},
	{
		name: "standard string with doubled quote",
		src:  "INSERT INTO t VALUES ('a;''b');\nSELECT 2;",
		want: []stmtPos{{1, 1, 1, "INSERT INTO t VALUES ('a;''b')"}, {2, 1, 2, "SELECT 2"}},
	},
	{
		name: "quoted identifiers containing semicolons",
		src:  `CREATE TABLE "a;b" (";" int); SELECT 2;`,
		want: []stmtPos{{1, 1, 1, `CREATE TABLE "a;b" (";" int)`}, {1, 31, 1, "SELECT 2"}},
	},
	{
		name: "several statements on one line",
		src:  "SELECT 1; SELECT 2;SELECT 3;",
		want: []stmtPos{{1, 1, 1, "SELECT 1"}, {1, 11, 1, "SELECT 2"}, {1, 20, 1, "SELECT 3"}},
	},
	{
		name: "CRLF line endings",
		src:  "-- header\r\nSELECT 1;\r\n\r\n  SELECT\r\n    2;\r\n",
		want: []stmtPos{{2, 1, 2, "SELECT 1"}, {4, 3, 5, "SELECT\r\n    2"}},
	},
	{
		name: "UTF-8 byte order mark",
		src:  "\ufeffSELECT 1;\nSELECT 2;",
		want: []stmtPos{{1, 1, 1, "SELECT 1"}, {2, 1, 2, "SELECT 2"}},
	},
	{
		name: "tabs count as one column",
		src:  "\t\tSELECT 1;\n\tSELECT 2;",
		want: []stmtPos{{1, 3, 1, "SELECT 1"}, {2, 2, 2, "SELECT 2"}},
	},
	{
		name: "non-ASCII text before a statement",
		src:  "SELECT 'ünïcødé'; SELECT 2;\n/* ☃ 🐘 */ SELECT 3;",
		want: []stmtPos{{1, 1, 1, "SELECT 'ünïcødé'"}, {1, 19, 1, "SELECT 2"}, {2, 11, 2, "SELECT 3"}},
	},
	{
		name: "leading comment lines",
		src:  "-- a\n-- b\n/* c\n */\n\n  CREATE TABLE t (id int);",
		want: []stmtPos{{6, 3, 6, "CREATE TABLE t (id int)"}},
	},
	{
		name: "SQL-standard function body",
		src:  "CREATE FUNCTION h() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\nSELECT 3;",
		want: []stmtPos{
			{1, 1, 5, "CREATE FUNCTION h() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND"},
			{6, 1, 6, "SELECT 3"},
		},
	},
	{
		name: "rule with several actions",
		src:  "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);\nSELECT 3;",
		want: []stmtPos{{1, 1, 1, "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)"}, {2, 1, 2, "SELECT 3"}},
	},
	{
		name: "empty statements",
		src:  ";;SELECT 1;;\n;SELECT 2",
		want: []stmtPos{{1, 3, 1, "SELECT 1"}, {2, 2, 2, "SELECT 2"}},
	},
	{
		name: "directive comments are not statements",
		src:  "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a); -- dbcd:ignore index.max-columns\n",
		want: []stmtPos{{2, 1, 2, "CREATE INDEX CONCURRENTLY i ON t (a)"}},
	},
}

func TestParseSplitsStatements(t *testing.T) {
	for _, tt := range splitTests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			f, err := Parse("m.sql", src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkFile(t, src, f, err)
			var got []stmtPos
			for _, st := range f.Statements {
				got = append(got, stmtPos{st.Line, st.Column, st.EndLine, st.Text})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseOffsets(t *testing.T) {
	src := []byte("\ufeff-- é\nSELECT 1;\n")
	f, err := Parse("m.sql", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Statements) != 1 {
		t.Fatalf("got %d statements, want 1", len(f.Statements))
	}
	st := f.Statements[0]
	// BOM (3 bytes) + "-- é\n" (6 bytes).
	if st.Offset != 9 || st.End != 17 {
		t.Errorf("range [%d,%d), want [9,17)", st.Offset, st.End)
	}
	if f.Name != "m.sql" {
		t.Errorf("Name = %q, want m.sql", f.Name)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "  \n\t\r\n", "-- only a comment", "/* c */\n-- d\n", "\ufeff", ";", " ; ;\n"} {
		f, err := Parse("empty.sql", []byte(src))
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if len(f.Statements) != 0 {
			t.Errorf("Parse(%q): %d statements, want 0", src, len(f.Statements))
		}
	}
}
