package rules

import (
	"strings"
	"testing"
)

func TestBBTableComment(t *testing.T) {
	long := strings.Repeat("x", 65)
	req := map[string]any{"required": true, "maxLength": 64}
	runRuleTests(t, "table.comment", []ruleTest{
		{name: "too long", sql: "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '" + long + "';", want: []int{2}},
		{name: "exactly the limit", sql: "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '" + long[1:] + "';"},
		{name: "multi-byte characters count once", sql: "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '" + strings.Repeat("é", 64) + "';"},
		{name: "missing, not required by default", sql: "CREATE TABLE t (id int);"},
		{name: "missing, required", opts: req, sql: "CREATE TABLE t (id int);\nCREATE TABLE u (id int);\nCOMMENT ON TABLE u IS 'u';", want: []int{1}},
		{name: "required as string option", opts: map[string]any{"required": "true"}, sql: "CREATE TABLE t (id int);", want: []int{1}},
		{name: "qualified comment on unqualified table", opts: req, sql: "CREATE TABLE t (id int);\nCOMMENT ON TABLE public.t IS 'ok';"},
		{name: "quoted names differ", opts: req, sql: "CREATE TABLE \"T\" (id int);\nCOMMENT ON TABLE t IS 'wrong table';", want: []int{1}},
		{name: "comment removed with IS NULL", opts: req, sql: "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS NULL;", want: []int{1}},
		{name: "history table is not checked", opts: req, history: []string{"CREATE TABLE t (id int);"}, sql: "ALTER TABLE t ADD COLUMN c int;"},
		{name: "long comment on history table is not this rule's", history: []string{"CREATE TABLE t (id int);"}, sql: "COMMENT ON TABLE t IS '" + long + "';"},
		{name: "created and dropped", opts: req, sql: "CREATE TABLE t (id int);\nDROP TABLE t;"},
		{name: "schema-qualified", opts: req, sql: "CREATE SCHEMA s;\nCREATE TABLE s.t (id int);\nCOMMENT ON TABLE t IS 'public.t, not s.t';", want: []int{2}},
		{name: "zero maxLength disables the length check", opts: map[string]any{"maxLength": 0}, sql: "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '" + long + "';"},
		{name: "last comment counts", sql: "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '" + long + "';\nCOMMENT ON TABLE t IS 'short';"},
		// Names resolve with the search_path of their statement, not the
		// one left at the end of the file.
		{name: "search_path changed in the file", opts: req, sql: "CREATE SCHEMA s;\nSET search_path = s;\nCREATE TABLE t (id int);\n" +
			"COMMENT ON TABLE t IS '" + long + "';\nCREATE TABLE u (id int);\nRESET search_path;", want: []int{4, 5}},
	})
}

func TestBBColumnComment(t *testing.T) {
	long := strings.Repeat("y", 65)
	req := map[string]any{"required": true}
	runRuleTests(t, "column.comment", []ruleTest{
		{name: "too long", sql: "CREATE TABLE t (id int);\nCOMMENT ON COLUMN t.id IS '" + long + "';", want: []int{2}},
		{name: "short", sql: "CREATE TABLE t (id int);\nCOMMENT ON COLUMN t.id IS 'key';"},
		{name: "required, one missing", opts: req, sql: "CREATE TABLE t (id int,\n  name text);\nCOMMENT ON COLUMN public.t.id IS 'key';", want: []int{1}},
		{name: "required, added column", opts: req, history: []string{"CREATE TABLE t (id int);"},
			sql: "ALTER TABLE t ADD COLUMN note text;\nALTER TABLE t ADD COLUMN n2 text;\nCOMMENT ON COLUMN t.n2 IS 'x';", want: []int{1}},
		{name: "required, history columns are not checked", opts: req, history: []string{"CREATE TABLE t (id int);"}, sql: "COMMENT ON COLUMN t.id IS 'x';"},
		{name: "quoted column", opts: req, sql: "CREATE TABLE t (\"Id\" int);\nCOMMENT ON COLUMN t.id IS 'not the same column';", want: []int{1}},
		{name: "search_path changed in the file", opts: req, sql: "CREATE SCHEMA s;\nSET search_path = s;\nCREATE TABLE t (id int, note text);\n" +
			"COMMENT ON COLUMN t.note IS '" + long + "';\nRESET search_path;", want: []int{3, 4}},
		{name: "dropped column", opts: req, sql: "CREATE TABLE t (id int);\nCOMMENT ON COLUMN t.id IS 'k';\nALTER TABLE t ADD COLUMN x int;\nALTER TABLE t DROP COLUMN x;"},
		{name: "required, schema-qualified", opts: req, sql: "CREATE SCHEMA s;\nCREATE TABLE s.t (id int);\nCOMMENT ON COLUMN s.t.id IS 'k';"},
	})
}

func TestBBSystemCommentLength(t *testing.T) {
	runRuleTests(t, "system.comment.length", []ruleTest{
		{name: "table comment", sql: "COMMENT ON TABLE t IS '" + strings.Repeat("a", 65) + "';", want: []int{1}},
		{name: "column comment, custom limit", opts: map[string]any{"number": 3}, sql: "COMMENT ON COLUMN t.c IS 'abcd';\nCOMMENT ON COLUMN t.d IS 'abc';", want: []int{1}},
		{name: "multi-byte", sql: "COMMENT ON INDEX i IS '" + strings.Repeat("ü", 64) + "';"},
		{name: "null comment", sql: "COMMENT ON TABLE t IS NULL;"},
	})
}
