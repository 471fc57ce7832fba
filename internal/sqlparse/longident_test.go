package sqlparse

import (
	"fmt"
	"strings"
	"testing"
)

// TestLongIdentifiers checks LongIdentifiers against Identifiers, scanned
// or not, quoted names with doubled quotes and multi-byte names included.
func TestLongIdentifiers(t *testing.T) {
	long := strings.Repeat("a", 64)
	src := "CREATE TABLE " + long + " (\"" + strings.Repeat("b", 62) + "\"\"c\" int, \"" + strings.Repeat("é", 32) + "\" text, short int);"
	f, err := Parse("t.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []Statement{f.Statements[0], {Text: f.Statements[0].Text}} {
		for _, n := range []int{0, 5, 62, 63, 64} {
			var want []Identifier
			for _, id := range Identifiers(st.Text) {
				if len(id.Name) > n {
					want = append(want, id)
				}
			}
			if got := st.LongIdentifiers(n); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("scanned=%v n=%d: got %v, want %v", st.scanned, n, got, want)
			}
		}
	}
}
