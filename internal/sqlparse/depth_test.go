package sqlparse

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRejectsTooDeepStatements(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int // 0: the file parses
		msg       string
	}{
		{
			name: "operator chain that would crash pg_query",
			src:  "SELECT 1;\n  SELECT 1" + strings.Repeat("+1", 30000) + ";\n",
			line: 2, col: 3,
			msg: "statement nested too deeply",
		},
		{
			name: "cast chain",
			src:  "SELECT 1" + strings.Repeat("::int", maxNesting+1),
			line: 1, col: 1,
			msg: "more than 5000 levels",
		},
		{
			name: "join chain",
			src:  "SELECT * FROM a" + strings.Repeat(" JOIN a ON true", maxNesting+1),
			line: 1, col: 1,
			msg: "split it into smaller statements",
		},
		{
			name: "deeply nested block comments",
			src:  "SELECT 1;\n" + strings.Repeat("/*", maxCommentDepth+1) + strings.Repeat("*/", maxCommentDepth+1),
			line: 2, col: 1,
			msg: "block comment nested more than 1000 levels deep",
		},
		{name: "long chain below the limit", src: "SELECT 1" + strings.Repeat("+1", 4000)},
		{name: "long UNION chain", src: "SELECT 1" + strings.Repeat(" UNION ALL SELECT 1", 8000)},
		{name: "long OR chain", src: "DELETE FROM t WHERE " + strings.Repeat("id = 1 OR ", 20000) + "false"},
		{name: "long CASE", src: "UPDATE t SET a = CASE " + strings.Repeat("WHEN id = 1 THEN 'a' || 'b' ", 20000) + "END"},
		{name: "big INSERT", src: "INSERT INTO t VALUES " + strings.Repeat("(1, -2.5 * 3, 'a' || 'b'), ", 20000) + "(0, 0, '')"},
		{name: "many comments", src: strings.Repeat("/* a /* b */ */ SELECT 1;\n", 2000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			f, err := Parse("deep.sql", src)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("Parse: %.300v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse error = %.300v, want an *Error", err)
			}
			if e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got %d:%d %q, want %d:%d ...%s...", e.Line, e.Column, e.Msg, tt.line, tt.col, tt.msg)
			}
			if len(f.Statements) != 0 {
				t.Errorf("got %d statements, want none", len(f.Statements))
			}
		})
	}
}

func TestDeparseRefusesDeepTrees(t *testing.T) {
	f, err := Parse("deep.sql", []byte("SELECT 1"+strings.Repeat("+1", 3000)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Deparse(f.Statements[0].Node); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("Deparse error = %v, want nested too deeply", err)
	}
}

func TestLongErrorTokensAreShortened(t *testing.T) {
	src := "SELECT 1;\nSELECT $$" + strings.Repeat("x", 1000) + "\nmore"
	_, err := Parse("m.sql", []byte(src))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse error = %v, want an *Error", err)
	}
	want := `unterminated dollar-quoted string at or near "$$` + strings.Repeat("x", 38) + `..."`
	if !strings.HasPrefix(e.Msg, want) {
		t.Errorf("message %q, want prefix %q", e.Msg, want)
	}
}

func TestParseKeepsDirectivesOfRejectedFiles(t *testing.T) {
	src := "-- dbcd:no-transaction\n" + strings.Repeat("/*", maxCommentDepth+1) + "\n-- dbcd:ignore x\n"
	f, err := Parse("deep.sql", []byte(src))
	if err == nil {
		t.Fatal("Parse: no error")
	}
	ds, _ := ParseDirectives("deep.sql", []byte(src))
	if len(f.Directives) != 1 || len(ds) != 1 {
		t.Errorf("got %d directives from Parse and %d from ParseDirectives, want 1 (the second is inside the comment)",
			len(f.Directives), len(ds))
	}
}
