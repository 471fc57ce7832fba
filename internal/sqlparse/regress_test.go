package sqlparse

import "testing"

// TestNoPanicOnTokenSpanningErrorCursor: a token that starts before the
// parser's error cursor and ends after it (an unterminated quoted identifier
// after a bit string) once made the psql-only check slice out of range.
func TestNoPanicOnTokenSpanningErrorCursor(t *testing.T) {
	for _, src := range []string{
		"SELECT B''''\"",
		"SELECT B''''\";",
		"SELECT (B''''\") AS x;",
		"SELECT 1;\nSELECT X''''\"\n",
	} {
		f, err := Parse("regress.sql", []byte(src))
		if err == nil || f == nil {
			t.Errorf("Parse(%q) = %v, %v; want a parse error", src, f, err)
		}
	}
}
