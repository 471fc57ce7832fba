package sqlparse

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
	"google.golang.org/protobuf/encoding/protowire"
)

// tokenKind is the coarse class of a lexical token: all this package needs to
// find statement boundaries, comments and directives.
type tokenKind int

const (
	tokOther        tokenKind = iota // anything that is not listed below
	tokLineComment                   // -- comment, up to the end of the line
	tokBlockComment                  // /* comment */, possibly nested
	tokSemicolon                     // ;
	tokBackslash                     // \ outside literals: a psql meta-command
	tokCopy                          // the keyword COPY
	tokFrom                          // the keyword FROM
	tokStdin                         // the keyword STDIN
	tokOpen                          // ( or [
	tokClose                         // ) or ]
	tokSeparator                     // a token between sibling expressions: , AND OR WHEN THEN ELSE
	tokChain                         // an operator that nests its left operand: + || :: IS LIKE ...
	tokSetOp                         // UNION, INTERSECT, EXCEPT
	tokJoin                          // JOIN
	tokIdent                         // an identifier, quoted or not (PostgreSQL scanner only)
)

// token is a lexical token: the byte range [start, end) of the parsed text.
type token struct {
	start, end int
	kind       tokenKind
}

// isComment reports whether the token is a comment.
func (t token) isComment() bool {
	return t.kind == tokLineComment || t.kind == tokBlockComment
}

// lex splits t.body into tokens with scan, unless a block comment nests too
// deeply for the PostgreSQL scanner (see commentTooDeep): then deepComment is
// the comment's offset (otherwise -1) and the tokens come from scanLoosely.
// scanned reports whether the PostgreSQL scanner produced the tokens.
func (t *text) lex() (toks []token, scanned bool, deepComment int) {
	if off := commentTooDeep(t.body); off >= 0 {
		return scanLoosely(t.body), false, off
	}
	toks, scanned = scan(t.body)
	return toks, scanned, -1
}

// scan splits body into tokens with the PostgreSQL scanner. When the scanner
// rejects body (an unterminated string or comment), it falls back to
// scanLoosely, so callers always get tokens, and ok reports which one ran.
func scan(body string) (toks []token, ok bool) {
	buf, err := parser.ScanToProtobuf(body)
	if err != nil {
		return scanLoosely(body), false
	}
	if toks, ok = decodeScan(buf); !ok {
		return scanLoosely(body), false
	}
	return toks, true
}

// decodeScan reads the tokens of a pg_query ScanResult message (field 2,
// repeated ScanToken) straight from its protobuf encoding: unmarshalling
// it into one message per token cost as much as scanning. ok is false
// when the encoding is malformed.
func decodeScan(b []byte) (toks []token, ok bool) {
	toks = make([]token, 0, len(b)/8) // a token takes 8 to 12 bytes
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, false
		}
		b = b[n:]
		if num == 2 && typ == protowire.BytesType {
			m, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return nil, false
			}
			b = b[n:]
			tok, ok := decodeScanToken(m)
			if !ok {
				return nil, false
			}
			toks = append(toks, tok)
			continue
		}
		if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
			return nil, false
		}
		b = b[n:]
	}
	return toks, true
}

// decodeScanToken reads one ScanToken message: start (field 1), end
// (field 2) and token (field 4), all varints.
func decodeScanToken(b []byte) (tok token, ok bool) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return tok, false
		}
		b = b[n:]
		if typ != protowire.VarintType {
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return tok, false
			}
			b = b[n:]
			continue
		}
		v, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return tok, false
		}
		b = b[n:]
		switch num {
		case 1:
			tok.start = int(int32(v))
		case 2:
			tok.end = int(int32(v))
		case 4:
			tok.kind = kindOf(pg_query.Token(int32(v)))
		}
	}
	return tok, true
}

// kindOf maps a PostgreSQL scanner token to its coarse kind.
func kindOf(t pg_query.Token) tokenKind {
	if t >= 0 && int(t) < len(tokenKinds) {
		return tokenKinds[t]
	}
	return classifyToken(t)
}

// tokenKinds is classifyToken for every token of the scanner, looked up
// once per token of every file scanned.
var tokenKinds = func() []tokenKind {
	kinds := make([]tokenKind, pg_query.Token_UMINUS+1)
	for t := range kinds {
		kinds[t] = classifyToken(pg_query.Token(t))
	}
	return kinds
}()

// classifyToken maps a PostgreSQL scanner token to its coarse kind.
func classifyToken(t pg_query.Token) tokenKind {
	if k, ok := nestingKinds[t]; ok {
		return k
	}
	switch t {
	case pg_query.Token_SQL_COMMENT:
		return tokLineComment
	case pg_query.Token_C_COMMENT:
		return tokBlockComment
	case pg_query.Token_ASCII_59:
		return tokSemicolon
	case pg_query.Token_ASCII_92:
		return tokBackslash
	case pg_query.Token_COPY:
		return tokCopy
	case pg_query.Token_FROM:
		return tokFrom
	case pg_query.Token_STDIN:
		return tokStdin
	case pg_query.Token_IDENT:
		return tokIdent
	}
	return tokOther
}

// nestingKinds classifies the tokens that tooDeep looks at.
var nestingKinds = map[pg_query.Token]tokenKind{
	pg_query.Token_ASCII_40: tokOpen,
	pg_query.Token_ASCII_91: tokOpen,
	pg_query.Token_ASCII_41: tokClose,
	pg_query.Token_ASCII_93: tokClose,

	pg_query.Token_ASCII_44: tokSeparator,
	pg_query.Token_AND:      tokSeparator,
	pg_query.Token_OR:       tokSeparator,
	pg_query.Token_WHEN:     tokSeparator,
	pg_query.Token_THEN:     tokSeparator,
	pg_query.Token_ELSE:     tokSeparator,

	pg_query.Token_Op:             tokChain,
	pg_query.Token_ASCII_37:       tokChain, // %
	pg_query.Token_ASCII_42:       tokChain, // *
	pg_query.Token_ASCII_43:       tokChain, // +
	pg_query.Token_ASCII_45:       tokChain, // -
	pg_query.Token_ASCII_47:       tokChain, // /
	pg_query.Token_ASCII_60:       tokChain, // <
	pg_query.Token_ASCII_61:       tokChain, // =
	pg_query.Token_ASCII_62:       tokChain, // >
	pg_query.Token_ASCII_94:       tokChain, // ^
	pg_query.Token_TYPECAST:       tokChain,
	pg_query.Token_LESS_EQUALS:    tokChain,
	pg_query.Token_GREATER_EQUALS: tokChain,
	pg_query.Token_NOT_EQUALS:     tokChain,
	pg_query.Token_IS:             tokChain,
	pg_query.Token_ISNULL:         tokChain,
	pg_query.Token_NOTNULL:        tokChain,
	pg_query.Token_LIKE:           tokChain,
	pg_query.Token_ILIKE:          tokChain,
	pg_query.Token_SIMILAR:        tokChain,
	pg_query.Token_BETWEEN:        tokChain,
	pg_query.Token_IN_P:           tokChain,
	pg_query.Token_COLLATE:        tokChain,
	pg_query.Token_AT:             tokChain,
	pg_query.Token_NOT:            tokChain,
	pg_query.Token_NOT_LA:         tokChain,
	pg_query.Token_OPERATOR:       tokChain,

	pg_query.Token_UNION:     tokSetOp,
	pg_query.Token_INTERSECT: tokSetOp,
	pg_query.Token_EXCEPT:    tokSetOp,
	pg_query.Token_JOIN:      tokJoin,
}

// scanLoosely is a small, forgiving lexer for text the PostgreSQL scanner
// rejects. It knows the PostgreSQL rules for comments (block comments nest),
// standard strings (a doubled quote stands for a quote), escape strings
// (E'..\'..'), quoted identifiers, dollar-quoted strings and identifiers
// containing '$', so that comment-like text inside literals is not taken for a
// comment. An unterminated literal or comment runs to the end of the text.
// Tokens other than comments, ';' and '\' are coarse: a word, a number, a
// literal or a single other byte.
func scanLoosely(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		start := i
		kind := tokOther
		switch {
		case isSpace(c):
			i++
			continue
		case strings.HasPrefix(s[i:], "--"):
			i = indexFrom(s, i, "\n", "\r")
			kind = tokLineComment
		case strings.HasPrefix(s[i:], "/*"):
			i = skipBlockComment(s, i)
			kind = tokBlockComment
		case c == ';':
			i++
			kind = tokSemicolon
		case c == '\\':
			i++
			kind = tokBackslash
		case c == '\'':
			i = skipQuoted(s, i, '\'', false)
		case c == '"':
			i = skipQuoted(s, i, '"', false)
		case c == '$':
			i = skipDollar(s, i)
		case isIdentStart(c):
			for i++; i < len(s) && (isIdentStart(s[i]) || isDigit(s[i]) || s[i] == '$'); i++ {
			}
			word := s[start:i]
			if (word == "e" || word == "E") && i < len(s) && s[i] == '\'' {
				i = skipQuoted(s, i, '\'', true)
				break
			}
			kind = keywordKind(word)
		case isDigit(c):
			for i++; i < len(s) && (isIdentStart(s[i]) || isDigit(s[i]) || s[i] == '.'); i++ {
			}
		default:
			i++
		}
		toks = append(toks, token{start: start, end: i, kind: kind})
	}
	return toks
}

// keywordKind returns the kind of a bare word: the few keywords this package
// looks for, or tokOther.
func keywordKind(word string) tokenKind {
	switch strings.ToLower(word) {
	case "copy":
		return tokCopy
	case "from":
		return tokFrom
	case "stdin":
		return tokStdin
	}
	return tokOther
}

// indexFrom returns the offset of the first of seps in s at or after i, or
// len(s).
func indexFrom(s string, i int, seps ...string) int {
	end := len(s)
	for _, sep := range seps {
		if j := strings.Index(s[i:], sep); j >= 0 && i+j < end {
			end = i + j
		}
	}
	return end
}

// skipBlockComment returns the offset just past the (nested) block comment
// starting at s[i].
func skipBlockComment(s string, i int) int {
	depth := 0
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(s[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return len(s)
}

// skipQuoted returns the offset just past the literal opened by the quote at
// s[i]. A doubled quote stands for one quote; with backslash, a backslash
// escapes the next byte (E'..' strings).
func skipQuoted(s string, i int, quote byte, backslash bool) int {
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if backslash {
				i++
			}
		case quote:
			if i+1 < len(s) && s[i+1] == quote {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}

// skipDollar returns the offset just past the dollar-quoted string starting at
// s[i], or just past a lone '$' or positional parameter ($1) when s[i] does not
// open a dollar quote.
func skipDollar(s string, i int) int {
	j := i + 1
	if j < len(s) && isDigit(s[j]) {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		return j
	}
	if j < len(s) && isIdentStart(s[j]) {
		for j++; j < len(s) && (isIdentStart(s[j]) || isDigit(s[j])); j++ {
		}
	}
	if j >= len(s) || s[j] != '$' {
		return i + 1
	}
	delim := s[i : j+1]
	if k := strings.Index(s[j+1:], delim); k >= 0 {
		return j + 1 + k + len(delim)
	}
	return len(s)
}

// isIdentStart reports whether c may start an unquoted identifier. Bytes of
// multi-byte UTF-8 characters count as letters, as in PostgreSQL.
func isIdentStart(c byte) bool {
	return c == '_' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool {
	return c >= '0' && c <= '9'
}
