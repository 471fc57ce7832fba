// Package sqlparse splits PostgreSQL migration files into top-level statements
// with exact positions, parse trees, kinds and classes, and reads the
// "-- dbcd:" directives in their comments.
//
// It is the only package of dbcd that imports pg_query_go, which embeds the
// parser of PostgreSQL 16 (see Version). Other packages walk parse trees
// through the Node alias and its getters.
//
// Positions are 1-based lines and columns; columns count characters (runes),
// not bytes, so a tab is one column. Lines end at '\n' (CRLF files work), and a
// UTF-8 byte order mark at the start of a file is skipped: it takes no column.
package sqlparse

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Node is a node of a PostgreSQL parse tree. It is an alias, so that other
// packages can walk the tree through its getters (n.GetCreateStmt(), ...)
// without importing pg_query_go.
type Node = pg_query.Node

// File is a parsed migration file.
type File struct {
	// Name is the file name given to Parse, used in error messages.
	Name string
	// Statements are the top-level statements, in order. Empty statements
	// (a lone ';') are left out.
	Statements []Statement
	// Directives are all "-- dbcd:" comments of the file, in order.
	Directives []Directive
}

// Statement is a top-level statement of a migration file.
type Statement struct {
	// Text is the exact source text of the statement, from its first token
	// to its last: without leading or trailing comments and white space and
	// without the terminating ';'.
	Text string
	// Offset and End are the byte offsets of Text in the file, so that
	// src[Offset:End] == Text (a byte order mark counts here).
	Offset, End int
	// Line and Column are the 1-based position of the first token.
	Line, Column int
	// EndLine is the line of the last character of the last token (the end
	// of a multi-line dollar-quoted body, for instance).
	EndLine int
	// Kind names the statement in upper snake case after its leading
	// keywords: CREATE_TABLE, ALTER_TABLE, CREATE_INDEX (also with
	// CONCURRENTLY), DROP_TABLE, INSERT, UPDATE, DELETE, SELECT, BEGIN,
	// COMMIT, SET, DO, ... (see Class for the full grouping).
	Kind string
	// Class tells what the statement changes: DDL, DML, TxControl or Utility.
	Class Class
	// NoTransaction reports that PostgreSQL refuses to run the statement
	// inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...; the
	// list is documented on noTransaction in notx.go).
	NoTransaction bool
	// Node is the parse tree of the statement (the RawStmt's stmt).
	Node *Node

	// toks are the tokens of Text, with byte offsets in the file's body
	// starting at from, when the PostgreSQL scanner produced them
	// (scanned): Identifiers reads them instead of scanning Text again.
	toks    []token
	from    int
	scanned bool
}

// Parse splits src, the bytes of the migration file name (used in error
// messages), into top-level statements, and reads its directives.
//
// Parse always returns a non-nil *File. The error is nil or an Errors value
// holding every problem found, sorted by position: malformed directives and at
// most one parse error (PostgreSQL stops at the first), each reported at the
// parser's error cursor. When the file does not parse, File.Statements is nil
// but File.Directives holds the valid directives. A file that is not valid
// UTF-8 or contains a NUL byte is rejected before parsing, with one error at
// the first offending byte. A statement that nests too deeply (thousands of
// chained operators, joins or set operations) and block comments nested more
// than a thousand levels are errors too, reported without calling pg_query,
// which would crash or take minutes on them (see maxNesting). An empty file,
// or one with only comments, has no statements and no error: callers decide
// what that means.
//
// Special parse errors: psql meta-commands (\set, \connect, \i, ...) and the
// inline rows of COPY ... FROM STDIN are reported as psql-only (the latter at
// the COPY statement); syntax errors mention that dbcd parses the PostgreSQL
// 16 grammar, since valid newer syntax fails too; an error at the end of the
// input is reported just after the last character that is not white space.
func Parse(name string, src []byte) (*File, error) {
	f := &File{Name: name}
	t := newText(src)
	if off, msg := checkEncoding(src); off >= 0 {
		return f, Errors{t.newError(name, max(off-t.base, 0), msg)}
	}
	toks, scanned, deepComment := t.lex()
	var errs []*Error
	f.Directives, errs = t.directives(name, toks)
	switch {
	case deepComment >= 0:
		// The PostgreSQL scanner would take minutes on this file.
		errs = append(errs, t.newError(name, deepComment, commentTooDeepMessage))
	case scanned && tooDeep(toks) >= 0:
		// pg_query would crash the process on this statement.
		errs = append(errs, t.newError(name, tooDeep(toks), tooDeepMessage))
	default:
		res, err := pg_query.Parse(t.body)
		if err != nil {
			errs = append(errs, t.parseError(name, err, toks))
		} else {
			f.Statements = t.statements(res.GetStmts(), toks, scanned)
		}
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return f, Errors(errs)
	}
	return f, nil
}

// statements converts the parser's raw statements to Statements. The parser
// gives each statement as a byte range that starts after the previous ';'
// (leading comments included) and ends before its own ';' (or at the end of
// the text for the last one); the tokens inside it give the exact text.
func (t *text) statements(raw []*pg_query.RawStmt, toks []token, scanned bool) []Statement {
	stmts := make([]Statement, 0, len(raw))
	k := 0 // the first token that may belong to the next statement
	for _, rs := range raw {
		start := min(max(int(rs.GetStmtLocation()), 0), len(t.body))
		end := len(t.body)
		if n := int(rs.GetStmtLen()); n > 0 {
			end = min(start+n, len(t.body))
		}
		for k < len(toks) && toks[k].start < start {
			k++
		}
		from, to, ok := span(toks[k:], start, end)
		stoks := scanned && ok
		if !ok {
			// Not expected: the scanner and the parser disagree. Lex the
			// range on its own.
			from, to, ok = span(scanLoosely(t.body[start:end]), 0, end-start)
			from, to = from+start, to+start
			if !ok {
				from, to = start, end
			}
		}
		st := Statement{
			Text:   t.body[from:to],
			Offset: t.base + from,
			End:    t.base + to,
			Node:   rs.GetStmt(),
		}
		if stoks {
			st.toks, st.scanned = tokensIn(toks[k:], from, to)
			st.from = from
		}
		st.Line, st.Column = t.position(from)
		st.EndLine, _ = t.position(max(to-1, from))
		st.Kind, st.Class = classify(st.Node)
		st.NoTransaction = noTransaction(st.Node)
		stmts = append(stmts, st)
	}
	return stmts
}

// tokensIn returns the tokens of toks, which must be sorted, that lie in
// [from, to); ok is false when a token straddles to.
func tokensIn(toks []token, from, to int) (in []token, ok bool) {
	i := 0
	for i < len(toks) && toks[i].start < from {
		i++
	}
	j := i
	for j < len(toks) && toks[j].end <= to {
		j++
	}
	return toks[i:j:j], j == len(toks) || toks[j].start >= to
}

// span returns the byte range from the first to the last token in [start,
// end) that is neither a comment nor a ';' (inner semicolons, as in CREATE
// RULE ... (a; b), stay inside the range). toks must be sorted; tokens
// starting before start are skipped.
func span(toks []token, start, end int) (from, to int, ok bool) {
	from = -1
	for _, tok := range toks {
		if tok.start >= end {
			break
		}
		if tok.start < start || tok.isComment() || tok.kind == tokSemicolon {
			continue
		}
		if from < 0 {
			from = tok.start
		}
		to = min(tok.end, end)
	}
	return from, to, from >= 0
}
