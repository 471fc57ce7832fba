package sqlparse

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
)

// Error is a problem in a migration file: a parse error, an encoding error or a
// malformed directive, at a 1-based line and column (columns count
// characters).
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

// Error returns "file:line:col: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Errors is a list of errors of one file, sorted by position. Parse returns
// its errors as an Errors value; errors.As with a *Error target finds the
// first one.
type Errors []*Error

// Error returns the messages of all errors, one per line.
func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// sortErrors orders errors by position.
func sortErrors(es []*Error) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Column < es[j].Column
	})
}

// newError returns an Error at the byte offset off of the parsed text.
func (t *text) newError(name string, off int, msg string) *Error {
	line, col := t.position(off)
	return &Error{File: name, Line: line, Column: col, Msg: msg}
}

// parseError converts an error of pg_query.Parse on t.body into an Error at
// the position of the parser's error cursor, with a message that says what to
// do where that is known.
func (t *text) parseError(name string, err error, toks []token) *Error {
	var pe *parser.Error
	if !errors.As(err, &pe) {
		// Not a PostgreSQL error: the Go protobuf decoder refused the tree,
		// which happens when it is too deep (see maxNesting).
		return t.newError(name, 0, "cannot read the parse tree ("+err.Error()+"); if a statement is very long, split it up")
	}
	msg := pe.Message
	var off int
	if pe.Cursorpos > 0 {
		// The cursor counts characters from 1; statement locations are bytes.
		off = t.byteOffset(pe.Cursorpos - 1)
	} else {
		off = t.locateError(msg, toks)
	}
	if off >= len(t.body) || strings.Contains(msg, "at end of input") {
		off = t.lastContent()
	}
	if e := t.psqlOnly(name, off, toks); e != nil {
		return e
	}
	return t.newError(name, off, explain(shortenNear(msg)))
}

// shortenNear shortens the quoted text of a message "... at or near "text""
// to its first line and at most 40 characters: for an unterminated literal or
// comment, PostgreSQL quotes the whole rest of the file.
func shortenNear(msg string) string {
	const near = ` at or near "`
	i := strings.Index(msg, near)
	if i < 0 {
		return msg
	}
	quoted := strings.TrimSuffix(msg[i+len(near):], `"`)
	cut := false
	if j := strings.IndexAny(quoted, "\r\n"); j >= 0 {
		quoted, cut = quoted[:j], true
	}
	if r := []rune(quoted); len(r) > 40 {
		quoted, cut = string(r[:40]), true
	}
	if cut {
		quoted += "..."
	}
	return msg[:i+len(near)] + quoted + `"`
}

// explain adds advice to a PostgreSQL parser message.
func explain(msg string) string {
	switch {
	case msg == "syntax error at end of input":
		return fmt.Sprintf("%s: the last statement is incomplete (dbcd parses the PostgreSQL %d grammar)", msg, pgMajor())
	case strings.HasPrefix(msg, "syntax error"):
		return fmt.Sprintf("%s (dbcd parses the PostgreSQL %d grammar: syntax added in PostgreSQL %d or later is not supported)",
			msg, pgMajor(), pgMajor()+1)
	case strings.HasPrefix(msg, "unterminated quoted string"):
		return msg + ": add the closing quote (a quote inside a string is written '')"
	case strings.HasPrefix(msg, "unterminated quoted identifier"):
		return msg + `: add the closing double quote (a double quote inside a name is written "")`
	case strings.HasPrefix(msg, "unterminated dollar-quoted string"):
		return msg + ": add the closing delimiter, the same $tag$ that opens the string"
	case strings.HasPrefix(msg, "unterminated /* comment"):
		return msg + ": close the comment with */ (block comments nest: each /* needs its own */)"
	}
	return msg
}

// locateError finds the byte offset of an error that PostgreSQL reported
// without a cursor position (errors raised by grammar actions, such as
// "CREATE ASSERTION is not yet implemented"). It looks for the shortest prefix
// of the text ending after a ';' that fails with the same message (a binary
// search: once the faulty statement is in, every longer prefix fails the same
// way), and returns the first token of the statement that ends there, or of
// the last statement when no prefix fails.
func (t *text) locateError(msg string, toks []token) int {
	var starts, ends []int // first token and terminating ';' of each statement
	start := -1
	for _, tok := range toks {
		if tok.isComment() {
			continue
		}
		if start < 0 {
			start = tok.start
		}
		if tok.kind == tokSemicolon {
			starts, ends = append(starts, start), append(ends, tok.end)
			start = -1
		}
	}
	fails := func(i int) bool {
		_, err := pg_query.Parse(t.body[:ends[i]])
		var pe *parser.Error
		return errors.As(err, &pe) && pe.Message == msg && pe.Cursorpos == 0
	}
	if i := sort.Search(len(ends), fails); i < len(ends) {
		return starts[i]
	}
	return max(start, 0)
}

// psqlOnly recognises the two psql features that files written for psql -f
// contain and that are not SQL: a meta-command ("\set", "\connect", "\i"),
// reported where it starts, and the inline rows of COPY ... FROM STDIN,
// reported at the parser's error cursor in the rows (RULES.md §1). off is the byte offset of the parse error.
// It returns nil for other errors.
func (t *text) psqlOnly(name string, off int, toks []token) *Error {
	// The statement before the error (the tokens between the last two
	// semicolons before off) and the start of the one with the error.
	var prev []token
	last := -1 // index of the last ';' before off
	n := 0     // tokens before off
	for i, tok := range toks {
		if tok.start >= off {
			break
		}
		n = i + 1
		if tok.kind == tokSemicolon {
			prev = toks[last+1 : i]
			last = i
		}
	}
	cur := toks[last+1 : n]
	first, ok := copyFromStdin(prev)
	if !ok && len(cur) > 0 && cur[len(cur)-1].end <= off && strings.Contains(t.body[cur[len(cur)-1].end:off], "\n") {
		// COPY ... FROM STDIN without the ';' psql needs, and rows on the
		// next lines.
		first, ok = copyFromStdin(cur)
	}
	if ok {
		_ = first // the COPY statement; the finding goes where the parser stopped, on the rows
		return t.newError(name, off,
			"COPY ... FROM STDIN with inline data is psql-only: dbcd runs statements itself and cannot send the rows; "+
				"load the rows with INSERT statements, or apply this file with psql")
	}
	if off < len(t.body) && t.body[off] == '\\' {
		end := off + 1
		for end < len(t.body) && !isSpace(t.body[end]) && t.body[end] != '\\' {
			end++
		}
		return t.newError(name, off, "psql meta-command "+t.body[off:end]+
			" is psql-only: dbcd runs SQL statements itself and cannot run it; remove it, or apply this file with psql")
	}
	return nil
}

// copyFromStdin reports whether the tokens of one statement are a COPY ...
// FROM STDIN, and returns the offset of its first token.
func copyFromStdin(stmt []token) (int, bool) {
	var words []token
	for _, tok := range stmt {
		if !tok.isComment() {
			words = append(words, tok)
		}
	}
	if len(words) == 0 || words[0].kind != tokCopy {
		return 0, false
	}
	for i := 1; i+1 < len(words); i++ {
		if words[i].kind == tokFrom && words[i+1].kind == tokStdin {
			return words[0].start, true
		}
	}
	return 0, false
}
