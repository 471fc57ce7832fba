package model

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMakeObjectName(t *testing.T) {
	a40, b40 := strings.Repeat("a", 40), strings.Repeat("b", 40)
	tests := []struct {
		name1, name2, label string
		want                string
	}{
		{"t", "a", "idx", "t_a_idx"},
		{"t", "", "pkey", "t_pkey"},
		{"t", "a_b", "key", "t_a_b_key"},
		// The longer part is cut first, down to 63 bytes in all.
		{a40, "b", "idx", a40 + "_b_idx"},
		{strings.Repeat("a", 60), "b", "idx", strings.Repeat("a", 57) + "_b_idx"},
		{a40, b40, "fkey", strings.Repeat("a", 29) + "_" + strings.Repeat("b", 28) + "_fkey"},
		// A multi-byte character is never split.
		{strings.Repeat("€", 40), "", "pkey", strings.Repeat("€", 19) + "_pkey"},
	}
	for _, tt := range tests {
		got := makeObjectName(tt.name1, tt.name2, tt.label)
		if got != tt.want {
			t.Errorf("makeObjectName(%q, %q, %q) = %q, want %q", tt.name1, tt.name2, tt.label, got, tt.want)
		}
		if len(got) > maxIdentLen {
			t.Errorf("makeObjectName(%q, %q, %q) is %d bytes long", tt.name1, tt.name2, tt.label, len(got))
		}
	}
}

func TestSplitIdentifiers(t *testing.T) {
	tests := []struct {
		in     string
		want   []string
		wantOK bool
	}{
		{"", nil, true},
		{"   ", nil, true},
		{"public", []string{"public"}, true},
		{`App, "My Schema" ,public`, []string{"app", "My Schema", "public"}, true},
		{`"a""b"`, []string{`a"b`}, true},
		{`"$user", public`, []string{"$user", "public"}, true},
		{`a,,b`, nil, false},
		{`a b`, nil, false},
		{`"open`, nil, false},
		{`"a" b`, nil, false},
		{`a,`, nil, false},
	}
	for _, tt := range tests {
		got, ok := splitIdentifiers(tt.in, ',')
		if ok != tt.wantOK || !cmp.Equal(got, tt.want, cmpOpts) {
			t.Errorf("splitIdentifiers(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestNextvalDefault(t *testing.T) {
	for _, q := range []QName{pub("t_id_seq"), {"My App", "T's_id_seq"}} {
		col := &Column{Serial: true, Default: nextvalDefault(q)}
		if got, ok := serialSequence(col); !ok || got != q {
			t.Errorf("serialSequence(%q) = %v, %v; want %v", col.Default, got, ok, q)
		}
	}
	if got := nextvalDefault(QName{"My App", "s"}); got != `nextval('"My App".s'::regclass)` {
		t.Errorf("nextvalDefault = %s", got)
	}
}
