package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"url", "uri", 1}, {"same", "same", 0}} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	known := []string{"stages", "migrations", "review", "table.drop", "index.require-concurrently"}
	for word, want := range map[string]string{
		"stagez": "stages", "MIGRATION": "migrations", "table.drp": "table.drop", "zzzzzz": "",
		"index.require-concurently": "index.require-concurrently",
	} {
		if got := Closest(word, known); got != want {
			t.Errorf("Closest(%q) = %q, want %q", word, got, want)
		}
	}
}
