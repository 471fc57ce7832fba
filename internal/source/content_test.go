package source

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestChecksum(t *testing.T) {
	sum := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return hex.EncodeToString(h[:])
	}
	tests := []struct{ in, normalised string }{
		{"", ""},
		{"select 1;\n", "select 1;\n"},
		{"a\r\nb\r\n", "a\nb\n"},
		{"a\rb\r", "a\nb\n"},
		{"a\r\r\nb", "a\n\nb"},
		{"\r", "\n"},
		{"\n\r", "\n\n"},
	}
	for _, tt := range tests {
		if got, want := Checksum([]byte(tt.in)), sum(tt.normalised); got != want {
			t.Errorf("Checksum(%q) = %s, want %s", tt.in, got, want)
		}
	}
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		in   string
		want *Problem
	}{
		{"select 1;", nil},
		{"select 'é';", nil},
		{utf8BOM + "select 1;", nil},
		{"select 1;\nselect 'é\xff';", &Problem{Line: 2, Column: 10, Message: "file is not valid UTF-8 (byte 0xff)"}},
		{utf8BOM + "\xc3", &Problem{Line: 1, Column: 1, Message: "file is not valid UTF-8 (byte 0xc3)"}},
		{"a\x00", &Problem{Line: 1, Column: 2, Message: "file contains a NUL byte; migration files must be text"}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, checkText([]byte(tt.in))); d != "" {
			t.Errorf("checkText(%q) (-want +got):\n%s", tt.in, d)
		}
	}
}

func TestFirstStatement(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", -1},
		{"  \n\t", -1},
		{"-- only a comment", -1},
		{"-- a\n-- b\n", -1},
		{"/* a /* nested */ still */ ;;\n", -1},
		{"select 1", 0},
		{"-- x\nselect 1", 5},
		{"/* a */ select", 8},
		{"/* unterminated", 0},
		{"- 1", 0},
		{"/", 0},
	}
	for _, tt := range tests {
		if got := firstStatement([]byte(tt.in)); got != tt.want {
			t.Errorf("firstStatement(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseTimeout(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{in: "30s", want: 30 * time.Second},
		{in: "10min", want: 10 * time.Minute},
		{in: "10m", want: 10 * time.Minute},
		{in: "5000ms", want: 5 * time.Second},
		{in: "1h30m", want: 90 * time.Minute},
		{in: "1h30min", want: 90 * time.Minute},
		{in: "1.5s", want: 1500 * time.Millisecond},
		{in: "1d", want: 24 * time.Hour},
		{in: "'30s'", want: 30 * time.Second},
		{in: "0", want: 0},
		{in: "0s", want: 0},
		{in: "2147483647ms", want: 2147483647 * time.Millisecond},
		{in: "", wantErr: "duration is empty"},
		{in: "-5s", wantErr: `duration "-5s" is negative`},
		{in: "5000", wantErr: `duration "5000" needs a unit, such as 5000ms or 5000s`},
		{in: "5 s", wantErr: "invalid duration"},
		{in: "5sec", wantErr: "invalid duration"},
		{in: "s", wantErr: "invalid duration"},
		{in: "1.2.3s", wantErr: "invalid duration"},
		{in: "500us", wantErr: "whole number of milliseconds"},
		{in: "2147483648ms", wantErr: "exceeds PostgreSQL's maximum of 2147483647ms"},
		{in: "30d", wantErr: "exceeds PostgreSQL's maximum"},
		{in: "9999999999999999999h", wantErr: "invalid duration"},
		{in: "106751d", wantErr: "exceeds"},
		{in: "106752d", wantErr: "invalid duration"},
	}
	for _, tt := range tests {
		got, err := ParseTimeout(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseTimeout(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseTimeout(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}
