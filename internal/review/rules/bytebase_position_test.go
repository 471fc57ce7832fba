package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

// TestBBPositions checks that findings of the Bytebase rules land on the
// first token of the flagged statement after constructs that are easy to
// mis-count: dollar-quoted bodies, DO blocks, nested comments, several
// statements on one line and multi-byte identifiers.
func TestBBPositions(t *testing.T) {
	fn := "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n  -- ; DROP TABLE x;\n  RETURN NEW; -- 'quote\nEND\n$body$;\n"
	do := "DO $$\nBEGIN\n  PERFORM 1; /* ; */\nEND $$;\n"
	nested := "/* outer /* inner ; */\n still comment; */\n"
	tests := []struct {
		rule string
		sql  string
		want []int
	}{
		{"table.no-foreign-key", fn + "CREATE TABLE o (c int REFERENCES c);", []int{7}},
		{"table.no-foreign-key", do + "\n  CREATE TABLE o (c int REFERENCES c);", []int{6}},
		{"table.no-foreign-key", nested + "CREATE TABLE o (c int REFERENCES c);", []int{3}},
		{"table.no-foreign-key", "CREATE TABLE a (id int); CREATE TABLE o (c int REFERENCES a); SELECT 1;", []int{1}},
		{"statement.disallow-commit", "BEGIN; SELECT 1;\n" + fn + "COMMIT;", []int{8}},
		{"naming.table", "CREATE TABLE \"Ünïcødé_テーブル\" (id int); CREATE TABLE \"Bad\" (id int);\nCREATE TABLE \"Äb\" (id int);", []int{1, 1, 2}},
		{"naming.column", "-- leading comment\n/* block\n   comment */ CREATE TABLE t (\"Größe\" int);", []int{3}},
		{"schema.backward-compatibility", do + nested + "DROP TABLE t; DROP TABLE u;", []int{7, 7}},
		{"table.comment", "CREATE TABLE \"表\" (id int);\n" + fn + "COMMENT ON TABLE \"表\" IS '0123456789012345678901234567890123456789012345678901234567890123456789';", []int{8}},
		{"index.total-number-limit", fn + "CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, d int, e int);\nCREATE INDEX ON t (a); CREATE INDEX ON t (b);\nCREATE INDEX ON t (c); CREATE INDEX ON t (d);\n" + nested + "CREATE INDEX ON t (e);", []int{12}},
		{"statement.check-set-role-variable", nested + "\n\nSET lock_timeout = '1s'; CREATE TABLE t (id int);", []int{5}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got := lines(reviewCase(t, tt.rule, nil, review.Options{}, tt.sql))
			if !bbEqualInts(got, tt.want) {
				t.Errorf("%s flagged lines %v, want %v\nSQL:\n%s", tt.rule, got, tt.want, tt.sql)
			}
		})
	}
}

func bbEqualInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
