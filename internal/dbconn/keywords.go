package dbconn

import "strings"

// nextKeyword finds the first setting at or after from whose name ends in
// "password" and that has a non-empty value, in any of these forms:
//
//	password=secret  password = 'se cr\'et'  PGPASSWORD=secret
//	?password=secret&x=1  "password": "secret"  {Password:secret}
//
// It returns where the name starts and where the value starts and ends,
// without its quotes. An unquoted value runs to the next whitespace (and,
// after '?' or '&', to the next '&' or '#'); a quoted one to its closing
// quote, honouring backslash escapes, or to the end of the text when there
// is none. lower is s with its ASCII letters in lower case.
func nextKeyword(s, lower string, from int) (keyStart, valStart, valEnd int, ok bool) {
	lowest := from
	for {
		i := strings.Index(lower[from:], "password")
		if i < 0 {
			return 0, 0, 0, false
		}
		keyEnd := from + i + len("password")
		from = keyEnd
		if keyEnd < len(s) && isIdentChar(s[keyEnd]) {
			continue // password_encryption and the like
		}
		keyStart = keyEnd - len("password")
		for keyStart > lowest && isIdentChar(s[keyStart-1]) {
			keyStart--
		}
		if valStart, valEnd = valueSpan(s, keyStart, keyEnd); valEnd > valStart {
			return keyStart, valStart, valEnd, true
		}
	}
}

// valueSpan returns where the value of the setting whose name is
// s[keyStart:keyEnd] starts and ends, without its quotes; end <= start when
// the name is not followed by a value.
func valueSpan(s string, keyStart, keyEnd int) (start, end int) {
	j := keyEnd
	switch {
	case keyStart > 0 && s[keyStart-1] == '"' && j < len(s) && s[j] == '"':
		// JSON: "password": "secret".
		j = skipSpaces(s, j+1)
		if j >= len(s) || s[j] != ':' {
			return 0, 0
		}
		j = skipSpaces(s, j+1)
		if j >= len(s) || s[j] != '"' {
			return 0, 0
		}
		return j + 1, quotedEnd(s, j+1, '"')
	case j+1 < len(s) && s[j] == ':' && !isSpace(s[j+1]) && s[j+1] != '/':
		// Go's %+v of a struct: {Password:secret User:u}.
		return j + 1, unquotedEnd(s, j+1, " \t\n\r\f\v}")
	}
	j = skipSpaces(s, j)
	if j >= len(s) || s[j] != '=' {
		return 0, 0
	}
	j = skipSpaces(s, j+1)
	if j < len(s) && (s[j] == '\'' || s[j] == '"') {
		return j + 1, quotedEnd(s, j+1, s[j])
	}
	stop := " \t\n\r\f\v"
	if keyStart > 0 && (s[keyStart-1] == '?' || s[keyStart-1] == '&') {
		stop += "&#"
	}
	return j, unquotedEnd(s, j, stop)
}

// quotedEnd returns the index of the quote that closes a value starting at
// s[i], or len(s) when it is not closed.
func quotedEnd(s string, i int, quote byte) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case quote:
			return i
		}
	}
	return len(s)
}

// unquotedEnd returns the index of the first byte of stop at or after i.
func unquotedEnd(s string, i int, stop string) int {
	if k := strings.IndexAny(s[i:], stop); k >= 0 {
		return i + k
	}
	return len(s)
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// asciiLower lowers the ASCII letters of s only, so that byte offsets into
// the result are offsets into s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}
