package sqlparse

import (
	"sort"
	"unicode/utf8"
)

// utf8BOM is the byte order mark some editors put at the start of UTF-8 files.
const utf8BOM = "\xef\xbb\xbf"

// text is the part of a migration file that is handed to the parser: the file
// without its byte order mark. It converts offsets in that part to positions
// that people see in their editor.
//
// Lines end at '\n' (so "\r\n" ends a line too; a lone '\r' does not). Columns
// count characters (runes), not bytes; a tab is one character. The byte order
// mark is invisible: the first character after it is on column 1.
type text struct {
	base  int    // length of the byte order mark (0 or 3)
	body  string // the file from base on: the text the parser sees
	lines []int  // byte offsets in body at which lines start

	// The last position computed, so that increasing offsets on one long
	// line cost no more than one pass over it.
	memoOff, memoLine, memoCol int
}

// newText indexes the lines of src.
func newText(src []byte) *text {
	t := &text{}
	if len(src) >= len(utf8BOM) && string(src[:len(utf8BOM)]) == utf8BOM {
		t.base = len(utf8BOM)
	}
	t.body = string(src[t.base:])
	t.lines = append(t.lines, 0)
	for i := 0; i < len(t.body); i++ {
		if t.body[i] == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// position returns the 1-based line and column of the byte offset off in body.
// Offsets past the end are clamped to the end of the text.
func (t *text) position(off int) (line, col int) {
	off = min(max(off, 0), len(t.body))
	// The last line starting at or before off.
	i := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	line, from, col := i+1, t.lines[i], 1
	if t.memoLine == line && t.memoOff <= off {
		from, col = t.memoOff, t.memoCol
	}
	col += utf8.RuneCountInString(t.body[from:off])
	t.memoOff, t.memoLine, t.memoCol = off, line, col
	return line, col
}

// byteOffset converts a 0-based character (rune) offset in body, as counted by
// PostgreSQL's error cursor, to a byte offset. Offsets past the end map to
// len(body).
func (t *text) byteOffset(chars int) int {
	if chars <= 0 {
		return 0
	}
	n := 0
	for i := range t.body {
		if n == chars {
			return i
		}
		n++
	}
	return len(t.body)
}

// lastContent returns the byte offset just past the last character of body that
// is not white space, or 0 when body is blank. Errors "at end of input" are
// reported there: at the end of the last line with content.
func (t *text) lastContent() int {
	for i := len(t.body); i > 0; i-- {
		if !isSpace(t.body[i-1]) {
			return i
		}
	}
	return 0
}

// isSpace reports whether c is white space for the PostgreSQL scanner.
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}

// checkEncoding returns the byte offset in src of the first byte that makes it
// unusable as SQL text (invalid UTF-8 or NUL) and a description of the
// problem, or -1 when src is fine. The parser takes C strings, so a NUL byte
// would silently cut the file short.
func checkEncoding(src []byte) (int, string) {
	for i := 0; i < len(src); {
		c := src[i]
		if c == 0 {
			return i, "NUL byte in file: migration files must be text"
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i, "invalid UTF-8 (byte 0x" + hexByte(c) + "): migration files must be UTF-8 encoded"
		}
		i += size
	}
	return -1, ""
}

// hexByte formats c as two lowercase hexadecimal digits.
func hexByte(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
