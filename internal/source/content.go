package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode/utf8"
)

// utf8BOM is the byte order mark some editors write at the start of a file.
// Positions are counted after it, as the SQL parser does.
const utf8BOM = "\xef\xbb\xbf"

// Checksum returns the hex SHA-256 of content with line endings normalised:
// "\r\n" and a lone "\r" both count as "\n", so a file checked out with
// Windows line endings keeps its checksum.
func Checksum(content []byte) string {
	h := sha256.New()
	rest := content
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\r')
		if i < 0 {
			h.Write(rest)
			break
		}
		h.Write(rest[:i])
		h.Write([]byte{'\n'})
		rest = rest[i+1:]
		if len(rest) > 0 && rest[0] == '\n' {
			rest = rest[1:]
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// position converts a byte offset in body (the file without its byte order
// mark) to a 1-based line and a 1-based column counted in characters.
func position(body []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if body[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(body[start:off]) + 1
}

// stripBOM returns src without a leading byte order mark.
func stripBOM(src []byte) []byte {
	return bytes.TrimPrefix(src, []byte(utf8BOM))
}

// checkText reports the first byte that makes src unusable as SQL text: an
// invalid UTF-8 sequence or a NUL byte.
func checkText(src []byte) *Problem {
	body := stripBOM(src)
	for i := 0; i < len(body); {
		c := body[i]
		if c == 0 {
			line, col := position(body, i)
			return &Problem{Line: line, Column: col, Message: "file contains a NUL byte; migration files must be text"}
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size <= 1 {
			line, col := position(body, i)
			return &Problem{Line: line, Column: col, Message: fmt.Sprintf("file is not valid UTF-8 (byte 0x%02x)", c)}
		}
		i += size
	}
	return nil
}

// firstStatement returns the byte offset in body of the first character
// that is not white space, a comment or a semicolon, or -1 when there is
// none. That character starts the file's first statement.
func firstStatement(body []byte) int {
	for i := 0; i < len(body); {
		switch c := body[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ';':
			i++
		case c == '-' && i+1 < len(body) && body[i+1] == '-':
			j := bytes.IndexByte(body[i:], '\n')
			if j < 0 {
				return -1
			}
			i += j + 1
		case c == '/' && i+1 < len(body) && body[i+1] == '*':
			end := skipBlockComment(body, i)
			if end < 0 {
				// An unterminated comment is a syntax error, which
				// review reports; do not call the file empty.
				return i
			}
			i = end
		default:
			return i
		}
	}
	return -1
}

// skipBlockComment returns the offset just past the block comment starting
// at body[i] ("/*"), honouring nesting as PostgreSQL does, or -1 when it is
// not closed.
func skipBlockComment(body []byte, i int) int {
	depth := 0
	for i < len(body) {
		switch {
		case i+1 < len(body) && body[i] == '/' && body[i+1] == '*':
			depth++
			i += 2
		case i+1 < len(body) && body[i] == '*' && body[i+1] == '/':
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return -1
}
