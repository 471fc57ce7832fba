package dbconn

import (
	"slices"
	"testing"
)

func TestPasswords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"postgres://u:secret@h/db", []string{"secret"}},
		{"postgres://u:p%40ss@h/db", []string{"p%40ss", "p@ss"}},
		{"postgres://u@h/db?password=abc%21", []string{"abc!", "abc%21"}},
		{"host=h password=xyz dbname=d", []string{"xyz"}},
		{"host=h password='xyz' dbname=d", []string{"xyz"}},
		{"postgres://u:bad pass@h h/db%zz", []string{"bad pass"}},
		{"postgres://u@h/db", nil},
	}
	for _, tt := range tests {
		got := Passwords(tt.in)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Passwords(%q) = %q, want it to include %q", tt.in, got, w)
			}
		}
		if len(tt.want) == 0 && len(got) != 0 {
			t.Errorf("Passwords(%q) = %q, want none", tt.in, got)
		}
	}
}
