package sqlparse

import (
	"errors"
	"strings"
	"testing"
)

// errorTests are files that do not parse, with the position and a part of the
// message of the error Parse must report. They also seed the fuzz tests.
var errorTests = []struct {
	name      string
	src       string
	line, col int
	msg       string // a substring of the message
}{
	{
		name: "typo in a later statement",
		src:  "SELECT 1;\nCREATE TABLE t (id int);\nSELEC 2;\n",
		line: 3, col: 1,
		msg: `syntax error at or near "SELEC" (dbcd parses the PostgreSQL 16 grammar`,
	},
	{
		name: "non-ASCII text before the error",
		src:  "SELECT 'ééé', '日本語';\nSELECT 'ü' FRM t;\n",
		line: 2, col: 16, // FRM is an alias; "t" is the error
		msg: `syntax error at or near "t"`,
	},
	{
		name: "non-ASCII text on the error line",
		src:  "SELECT '🐘🐘' FRM t;",
		line: 1, col: 17,
		msg: `"t"`,
	},
	{
		name: "error at end of input",
		src:  "SELECT 1;\nSELECT (1\n\n  \n",
		line: 2, col: 10,
		msg: "syntax error at end of input: the last statement is incomplete",
	},
	{
		name: "end of input after a trailing comment",
		src:  "CREATE TABLE t (\n  id int\n-- missing parenthesis\n",
		line: 3, col: 23,
		msg: "at end of input",
	},
	{
		name: "PostgreSQL 17 syntax",
		src:  "ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (a + 1);",
		line: 1, col: 34,
		msg: "(dbcd parses the PostgreSQL 16 grammar: syntax added in PostgreSQL 17 or later is not supported)",
	},
	{
		name: "PostgreSQL 18 virtual generated column",
		src:  "-- new in 18\nCREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL);",
		line: 2, col: 58,
		msg: "PostgreSQL 16 grammar",
	},
	{
		name: "unterminated string",
		src:  "SELECT 1;\nSELECT 'abc;\n",
		line: 2, col: 8,
		msg: "unterminated quoted string",
	},
	{
		name: "unterminated dollar quote",
		src:  "DO $body$ BEGIN END $$;",
		line: 1, col: 4,
		msg: "unterminated dollar-quoted string",
	},
	{
		name: "unterminated comment",
		src:  "SELECT 1; /* /* */",
		line: 1, col: 11,
		msg: "unterminated /* comment",
	},
	{
		name: "psql \\set",
		src:  "\\set ON_ERROR_STOP on\nSELECT 1;\n",
		line: 1, col: 1,
		msg: `psql meta-command \set is psql-only`,
	},
	{
		name: "psql \\connect after statements",
		src:  "SELECT 1;\n\\connect other\nSELECT 2;\n",
		line: 2, col: 1,
		msg: `\connect is psql-only: dbcd runs SQL statements itself and cannot run it`,
	},
	{
		name: "psql \\i",
		src:  "BEGIN;\n  \\i other.sql\nCOMMIT;\n",
		line: 2, col: 3,
		msg: `\i is psql-only`,
	},
	{
		name: "COPY FROM STDIN with inline rows",
		src:  "CREATE TABLE t (a int, b text);\nCOPY t (a, b) FROM stdin;\n1\tone\n2\ttwo\n\\.\n",
		line: 3, col: 1, // the parser's error cursor, on the first row (RULES.md §1)
		msg: "COPY ... FROM STDIN with inline data is psql-only",
	},
	{
		name: "COPY FROM STDIN with rows that do not lex",
		src:  "COPY t FROM STDIN WITH (FORMAT csv);\n1,it's\n\\.\n",
		line: 2, col: 1,
		msg: "COPY ... FROM STDIN with inline data is psql-only",
	},
	{
		name: "COPY FROM STDIN without a semicolon",
		src:  "SELECT 1;\n  COPY t FROM STDIN\n1\t2\n",
		line: 3, col: 1,
		msg: "COPY ... FROM STDIN with inline data is psql-only",
	},
	{
		name: "error in the options of COPY FROM STDIN",
		src:  "COPY t FROM STDIN WITH (FORMAT csv, HEADER true;\n",
		line: 1, col: 48,
		msg: `syntax error at or near ";"`,
	},
	{
		name: "grammar error without a cursor",
		src:  "SELECT 1;\nCREATE TABLE p PARTITION OF q FOR VALUES WITH (MODULUS 2);\nSELECT 2;\n",
		line: 2, col: 1,
		msg: "remainder for hash partition must be specified",
	},
	{
		name: "grammar error without a cursor in the last statement",
		src:  "SELECT 1;\n  CREATE ASSERTION a CHECK (true)",
		line: 2, col: 3,
		msg: "CREATE ASSERTION is not yet implemented",
	},
	{
		name: "error after a byte order mark and CRLF",
		src:  "\ufeffSELECT 1;\r\nSELECT * FROM FROM t;\r\n",
		line: 2, col: 15,
		msg: `"FROM"`,
	},
	{
		name: "invalid UTF-8",
		src:  "SELECT 1;\nSELECT 'é\xff';\n",
		line: 2, col: 10,
		msg: "invalid UTF-8 (byte 0xff): migration files must be UTF-8 encoded",
	},
	{
		name: "NUL byte",
		src:  "SELECT 1;\n\tSELECT\x00 2;\n",
		line: 2, col: 8,
		msg: "NUL byte",
	},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			f, err := Parse("bad.sql", src)
			checkFile(t, src, f, err)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse error = %v, want an *Error", err)
			}
			if e.Line != tt.line || e.Column != tt.col {
				t.Errorf("position %d:%d, want %d:%d (%s)", e.Line, e.Column, tt.line, tt.col, e.Msg)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tt.msg)
			}
			if e.File != "bad.sql" {
				t.Errorf("File = %q, want bad.sql", e.File)
			}
			if f.Statements != nil {
				t.Errorf("got %d statements from a file that does not parse", len(f.Statements))
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{File: "a/b.sql", Line: 3, Column: 7, Msg: "something is wrong"}
	if got, want := e.Error(), "a/b.sql:3:7: something is wrong"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	es := Errors{e, {File: "a/b.sql", Line: 4, Column: 1, Msg: "again"}}
	if got, want := es.Error(), "a/b.sql:3:7: something is wrong\na/b.sql:4:1: again"; got != want {
		t.Errorf("Errors.Error() = %q, want %q", got, want)
	}
}

func TestParseReportsDirectiveAndParseErrors(t *testing.T) {
	src := []byte("-- dbcd:ignore\nSELECT 1;\nSELEC 2;\n-- dbcd:bogus\n")
	f, err := Parse("m.sql", src)
	checkFile(t, src, f, err)
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v is not Errors", err)
	}
	var got []int
	for _, e := range es {
		got = append(got, e.Line)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 3 || got[2] != 4 {
		t.Errorf("error lines %v, want [1 3 4]: %v", got, err)
	}
}

func TestParseDirectiveErrorKeepsStatements(t *testing.T) {
	src := []byte("-- dbcd:lock-timeout\nSELECT 1;\n")
	f, err := Parse("m.sql", src)
	if err == nil {
		t.Fatal("Parse: no error for a timeout without duration")
	}
	if len(f.Statements) != 1 {
		t.Errorf("got %d statements, want 1", len(f.Statements))
	}
}
