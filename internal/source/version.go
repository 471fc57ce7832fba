package source

import (
	"fmt"
	"strings"
)

// Version is a migration version: one or more runs of decimal digits
// separated by single dots, such as 202311012500 or 1.2.10. The zero value
// is the empty version, lower than every other.
//
// Versions compare segment by segment as unbounded non-negative integers, so
// "1.2" < "1.2.1" < "1.10" and "01" equals "1". When all shared segments are
// equal the version with fewer segments is lower: "1.2" < "1.2.0". Two
// versions that compare equal but are spelled differently ("1.0" and
// "1.00") are still the same version; Load reports such a pair as a
// duplicate.
type Version struct {
	s string
}

// ParseVersion parses a version written as digits and dots.
func ParseVersion(s string) (Version, error) {
	if s == "" {
		return Version{}, fmt.Errorf("version is empty")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && (c < '0' || c > '9') {
			return Version{}, fmt.Errorf("version %q must be digits and dots", s)
		}
	}
	if s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return Version{}, fmt.Errorf("version %q has an empty part between dots", s)
	}
	return Version{s: s}, nil
}

// String returns the version as written.
func (v Version) String() string { return v.s }

// IsZero reports whether v is the zero Version.
func (v Version) IsZero() bool { return v.s == "" }

// Equal reports whether v and o are spelled identically, as v == o does.
// Use Compare to test whether they are numerically equal.
func (v Version) Equal(o Version) bool { return v.s == o.s }

// Compare returns -1, 0 or +1 as v is lower than, equal to or higher than o
// (see Version for the order).
func (v Version) Compare(o Version) int {
	a, b := v.s, o.s
	for a != "" && b != "" {
		var x, y string
		x, a = nextSegment(a)
		y, b = nextSegment(b)
		if c := compareDigits(x, y); c != 0 {
			return c
		}
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

// key returns a canonical spelling: equal versions have equal keys.
func (v Version) key() string {
	var b strings.Builder
	for s := v.s; s != ""; {
		var seg string
		seg, s = nextSegment(s)
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if seg == "" {
			seg = "0"
		}
		b.WriteString(seg)
	}
	return b.String()
}

// nextSegment returns the first dot-separated segment of s without leading
// zeros ("" for zero) and the rest of s after the dot.
func nextSegment(s string) (seg, rest string) {
	seg, rest, _ = strings.Cut(s, ".")
	return strings.TrimLeft(seg, "0"), rest
}

// compareDigits compares two digit strings without leading zeros.
func compareDigits(x, y string) int {
	switch {
	case len(x) != len(y):
		if len(x) < len(y) {
			return -1
		}
		return 1
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
