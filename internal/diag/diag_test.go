package diag

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFindingString(t *testing.T) {
	tests := []struct {
		f    Finding
		want string
	}{
		{Finding{File: "a.sql", Line: 3, Column: 5, Severity: Error, Message: "boom", Rule: "x.y"}, "a.sql:3:5: error: boom [x.y]"},
		{Finding{File: "a.sql", Line: 3, Severity: Warning, Message: "boom"}, "a.sql:3: warning: boom"},
		{Finding{File: "dbcd.yaml", Severity: Error, Message: "m"}, "dbcd.yaml: error: m"},
		{Finding{Severity: Info, Message: "m"}, "info: m"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestSortAndSummary(t *testing.T) {
	fs := []Finding{
		{File: "b.sql", Line: 1, Severity: Warning},
		{File: "a.sql", Line: 9, Severity: Error},
		{File: "a.sql", Line: 2, Column: 7, Severity: Info},
		{File: "a.sql", Line: 2, Column: 3, Severity: Error},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Position())
	}
	want := []string{"a.sql:2:3", "a.sql:2:7", "a.sql:9", "b.sql:1"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
	if s := Summarize(fs, 2); s != (Summary{Errors: 2, Warnings: 1, Infos: 1, Files: 2}) {
		t.Errorf("Summarize = %+v", s)
	}
	if Max(fs) != Error || Max(nil) != 0 {
		t.Errorf("Max wrong")
	}
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]Severity{"ERROR": Error, "warning": Warning, " info ": Info} {
		got, err := ParseSeverity(in)
		if err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) succeeded")
	}
}
