package sqlparse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// directiveTests are files with the directives and directive errors
// ParseDirectives must find. They also seed the fuzz tests.
var directiveTests = []struct {
	name string
	src  string
	want []Directive
	errs []string // "line:col: substring of the message"
}{
	{
		name: "every directive",
		src: "-- dbcd:no-transaction\n-- dbcd:ignore-file column.drop : reviewed with the team\n" +
			"-- dbcd:lock-timeout 30s\n--dbcd:statement-timeout 10m\n" +
			"-- dbcd:ignore index.require-concurrently,table.drop: small table\nDROP TABLE t;\n" +
			"ALTER TABLE u DROP COLUMN c; -- dbcd:ignore column.drop\n",
		want: []Directive{
			{Name: "no-transaction", Line: 1, Column: 1, Text: "-- dbcd:no-transaction"},
			{Name: "ignore-file", Args: []string{"column.drop"}, Reason: "reviewed with the team", Line: 2, Column: 1,
				Text: "-- dbcd:ignore-file column.drop : reviewed with the team"},
			{Name: "lock-timeout", Args: []string{"30s"}, Line: 3, Column: 1, Text: "-- dbcd:lock-timeout 30s"},
			{Name: "statement-timeout", Args: []string{"10m"}, Line: 4, Column: 1, Text: "--dbcd:statement-timeout 10m"},
			{Name: "ignore", Args: []string{"index.require-concurrently", "table.drop"}, Reason: "small table", Line: 5, Column: 1,
				Text: "-- dbcd:ignore index.require-concurrently,table.drop: small table"},
			{Name: "ignore", Args: []string{"column.drop"}, Line: 7, Column: 30, Text: "-- dbcd:ignore column.drop"},
		},
	},
	{
		name: "spaces and category selectors",
		src:  "  --   dbcd: ignore  a.b ,  category:locking :  why: because  \r\nSELECT 1;",
		want: []Directive{{Name: "ignore", Args: []string{"a.b", "category:locking"}, Reason: "why: because", Line: 1, Column: 3,
			Text: "--   dbcd: ignore  a.b ,  category:locking :  why: because  "}},
	},
	{
		name: "no-transaction with a reason",
		src:  "-- dbcd:no-transaction: builds indexes concurrently\n",
		want: []Directive{{Name: "no-transaction", Reason: "builds indexes concurrently", Line: 1, Column: 1,
			Text: "-- dbcd:no-transaction: builds indexes concurrently"}},
	},
	{
		name: "not directives: literals, dollar bodies, other comments",
		src: "SELECT '-- dbcd:ignore a';\nSELECT $$\n-- dbcd:bogus\n$$;\nSELECT E'\\'-- dbcd:x';\n" +
			"SELECT \"-- dbcd:y\";\n-- see dbcd:ignore docs\n-- DBCD:ignore x\n",
	},
	{
		name: "position after non-ASCII text",
		src:  "SELECT 'é'; -- dbcd:ignore x.y\n",
		want: []Directive{{Name: "ignore", Args: []string{"x.y"}, Line: 1, Column: 13, Text: "-- dbcd:ignore x.y"}},
	},
	{
		name: "errors",
		src: "-- dbcd:ignore\n-- dbcd:ignore : only a reason\n-- dbcd:frobnicate x\n-- dbcd:\n" +
			"-- dbcd:lock-timeout\n-- dbcd:statement-timeout 1 m\n-- dbcd:ignore a b\n-- dbcd:no-transaction please\n" +
			"/* dbcd:ignore x */\n-- dbcd:ignore-file\n-- dbcd:ignore ok.rule\n",
		want: []Directive{{Name: "ignore", Args: []string{"ok.rule"}, Line: 11, Column: 1, Text: "-- dbcd:ignore ok.rule"}},
		errs: []string{
			"1:1: ignore needs at least one rule id; usage: -- dbcd:ignore RULE[,RULE] [: reason]",
			"2:1: ignore needs at least one rule id",
			`3:1: unknown directive "dbcd:frobnicate"; valid directives: -- dbcd:no-transaction, -- dbcd:ignore`,
			"4:1: missing directive name",
			"5:1: lock-timeout needs exactly one duration",
			"6:1: statement-timeout needs exactly one duration",
			`7:1: invalid rule id "a b": separate rule ids with commas`,
			"8:1: no-transaction takes no arguments",
			"9:1: dbcd directives must be -- line comments",
			"10:1: ignore-file needs at least one rule id",
		},
	},
	{
		name: "file that does not lex",
		src:  "-- dbcd:ignore a.b\nSELECT 'it''s -- dbcd:ignore no ; $$ /*\n-- dbcd:lock-timeout 5s\n",
		want: []Directive{{Name: "ignore", Args: []string{"a.b"}, Line: 1, Column: 1, Text: "-- dbcd:ignore a.b"}},
	},
	{
		name: "file that does not lex, unterminated dollar quote",
		src:  "DO $x$ -- dbcd:ignore no\n$x$; -- dbcd:ignore yes\nSELECT $y$ -- dbcd:ignore never",
		want: []Directive{{Name: "ignore", Args: []string{"yes"}, Line: 2, Column: 6, Text: "-- dbcd:ignore yes"}},
	},
}

func TestParseDirectives(t *testing.T) {
	for _, tt := range directiveTests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := ParseDirectives("d.sql", []byte(tt.src))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("directives (-want +got):\n%s", diff)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("got %d errors, want %d: %v", len(errs), len(tt.errs), Errors(errs))
			}
			for i, e := range errs {
				pos, msg, _ := strings.Cut(tt.errs[i], ": ")
				if got := strings.TrimPrefix(e.Error(), "d.sql:"); !strings.HasPrefix(got, pos+": ") || !strings.Contains(e.Msg, msg) {
					t.Errorf("error %d = %q, want %s: ...%s...", i, e.Error(), pos, msg)
				}
			}
		})
	}
}

func TestParseFillsDirectives(t *testing.T) {
	src := []byte("-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n")
	f, err := Parse("m.sql", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Directive{{Name: DirectiveNoTransaction, Line: 1, Column: 1, Text: "-- dbcd:no-transaction"}}
	if diff := cmp.Diff(want, f.Directives); diff != "" {
		t.Errorf("directives (-want +got):\n%s", diff)
	}
}

func TestParseDirectivesInvalidUTF8(t *testing.T) {
	ds, errs := ParseDirectives("d.sql", []byte("-- dbcd:ignore a\n\xc3(\n"))
	if len(ds) != 0 || len(errs) != 1 || errs[0].Line != 2 || errs[0].Column != 1 {
		t.Errorf("got %v, %v; want one error at 2:1", ds, Errors(errs))
	}
}
