package source

import (
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{in: "202311012500"},
		{in: "1.2.10"},
		{in: "0"},
		{in: "007.0"},
		{in: strings.Repeat("9", 100)},
		{in: "", wantErr: "version is empty"},
		{in: "v1", wantErr: `version "v1" must be digits and dots`},
		{in: "1-2", wantErr: `version "1-2" must be digits and dots`},
		{in: "1 ", wantErr: `version "1 " must be digits and dots`},
		{in: "١", wantErr: "must be digits and dots"}, // Arabic-Indic digit one
		{in: ".1", wantErr: `version ".1" has an empty part between dots`},
		{in: "1.", wantErr: "has an empty part"},
		{in: "1..2", wantErr: "has an empty part"},
	}
	for _, tt := range tests {
		v, err := ParseVersion(tt.in)
		if tt.wantErr == "" {
			if err != nil || v.String() != tt.in {
				t.Errorf("ParseVersion(%q) = %q, %v", tt.in, v, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseVersion(%q) error = %v, want %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestVersionCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1", "1", 0},
		{"1", "2", -1},
		{"9", "10", -1},
		{"1.2", "1.2.1", -1},
		{"1.2.1", "1.10", -1},
		{"1.2", "1.10", -1},
		{"1.2", "1.2.0", -1}, // more segments is higher
		{"01", "1", 0},       // leading zeros do not count
		{"1.0", "1.00", 0},
		{"0", "000", 0},
		{"202311011700", "202311012500", -1},
		{"2", "10.0", -1},
		{"99999999999999999999999999", "100000000000000000000000000", -1}, // beyond uint64
		{"00000000000000000000000000001", "2", -1},
	}
	for _, tt := range tests {
		a, errA := ParseVersion(tt.a)
		b, errB := ParseVersion(tt.b)
		if errA != nil || errB != nil {
			t.Fatalf("ParseVersion: %v %v", errA, errB)
		}
		if got := a.Compare(b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := b.Compare(a); got != -tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
		if gotEq := a.key() == b.key(); gotEq != (tt.want == 0) {
			t.Errorf("key(%q) == key(%q) is %v", tt.a, tt.b, gotEq)
		}
	}
	if (Version{}).Compare(Version{s: "0"}) != -1 || !(Version{}).IsZero() {
		t.Errorf("zero Version must be lowest")
	}
	if a, b := (Version{s: "1.0"}), (Version{s: "1.00"}); a.Equal(b) || !a.Equal(a) {
		t.Errorf("Equal must compare spelling")
	}
}

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want Type
	}{
		{"ddl", TypeDDL}, {"migrate", TypeDDL}, {"DDL", TypeDDL}, {"Migrate", TypeDDL},
		{"dml", TypeDML}, {"data", TypeDML}, {"DATA", TypeDML},
		{"baseline", TypeBaseline}, {"Baseline", TypeBaseline},
	}
	for _, tt := range tests {
		if got, err := ParseType(tt.in); got != tt.want || err != nil {
			t.Errorf("ParseType(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "schema", "ddl ", "sdl", "ghost"} {
		if _, err := ParseType(in); err == nil {
			t.Errorf("ParseType(%q): want an error", in)
		}
	}
}
