package report

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTextStreamMatchesText: findings streamed file by file render exactly
// as Text renders them all at once, with and without colour.
func TestTextStreamMatchesText(t *testing.T) {
	for name, r := range map[string]Findings{
		"sample": sample(), "empty": {Title: "review", Files: []string{"a.sql", "b.sql"}}, "awkward": awkwardFindings(),
		"bench": benchFindings(300),
	} {
		for _, color := range []bool{false, true} {
			var want, got bytes.Buffer
			if err := Text(&want, r, color); err != nil {
				t.Fatal(err)
			}
			fs := sortedFindings(r.Findings)
			s := NewTextStream(&got, r.Title, color)
			for from := 0; from < len(fs); {
				to := from + 1
				for to < len(fs) && fs[to].File == fs[from].File {
					to++
				}
				if err := s.File(fs[from:to]); err != nil {
					t.Fatal(err)
				}
				if err := s.File(nil); err != nil { // a file without findings
					t.Fatal(err)
				}
				from = to
			}
			if err := s.Close(len(r.Files)); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want.String(), got.String()); d != "" {
				t.Errorf("%s (color %v): stream differs from Text (-want +got):\n%s", name, color, d)
			}
		}
	}
}

// TestTextStreamWriteError: a failing writer's error comes back.
func TestTextStreamWriteError(t *testing.T) {
	s := NewTextStream(failingWriter{}, "review", false)
	r := benchFindings(400)
	var err error
	for i := 0; i < len(r.Findings) && err == nil; i += 35 {
		err = s.File(r.Findings[i:min(i+35, len(r.Findings))])
	}
	if err == nil {
		err = s.Close(len(r.Files))
	}
	if err == nil || err.Error() != "disk full" {
		t.Errorf("error %v, want disk full", err)
	}
}
