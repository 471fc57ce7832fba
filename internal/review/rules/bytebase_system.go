package rules

import (
	"strings"
	"unicode"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Allowlists follow Bytebase: an empty list allows nothing.

// bbCharsetAllowlistRule flags CREATE DATABASE ... ENCODING with an encoding
// not in the list. Encoding names are compared as PostgreSQL does: without
// case and ignoring characters other than letters and digits (UTF-8 is
// utf8).
var bbCharsetAllowlistRule = &review.Rule{
	ID:       "system.charset.allowlist",
	Aliases:  []string{"SYSTEM_CHARSET_ALLOWLIST"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"list": []any{"UTF8"}},
	Summary:  "CREATE DATABASE with an ENCODING not in the list (default UTF8) (Bytebase SYSTEM_CHARSET_ALLOWLIST)",
	Why:      "the encoding of a database cannot be changed later, and clients converting between encodings lose characters",
	Fix:      "create the database with an allowed encoding, e.g. ENCODING 'UTF8'",
	Bad:      "CREATE DATABASE shop ENCODING 'LATIN1' TEMPLATE template0;",
	Good:     "CREATE DATABASE shop ENCODING 'UTF8' TEMPLATE template0;",
	Nodes:    []string{"CreatedbStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		db := s.Node.GetCreatedbStmt()
		if db == nil {
			return
		}
		for _, o := range db.GetOptions() {
			d := o.GetDefElem()
			if !strings.EqualFold(d.GetDefname(), "encoding") {
				continue
			}
			enc := sqlparse.StringValue(d.GetArg())
			if enc == "" || bbListed(p, enc, bbNormEncoding) {
				continue
			}
			p.Report(s, "database %s is created with encoding %s, which is not in the allowed list (%s)",
				bbQuote(db.GetDbname()), enc, bbShownList(p))
		}
	},
}

// bbListed reports whether the list option holds v, both normalised by
// norm.
func bbListed(p *review.Pass, v string, norm func(string) string) bool {
	for _, x := range p.OptionList("list") {
		if norm(x) == norm(v) {
			return true
		}
	}
	return false
}

// bbShownList returns the list option for messages: "a, b", or "empty".
func bbShownList(p *review.Pass) string {
	if l := p.OptionList("list"); len(l) > 0 {
		return strings.Join(l, ", ")
	}
	return "empty"
}

// bbNormEncoding normalises an encoding name as PostgreSQL's
// pg_char_to_encoding does.
func bbNormEncoding(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// bbCollationAllowlistRule flags collations not in the list: COLLATE
// clauses of columns, domains, expressions and index columns, and the
// LC_COLLATE and LOCALE of CREATE DATABASE. Names are compared without
// case and without a schema qualifier.
var bbCollationAllowlistRule = &review.Rule{
	ID:       "system.collation.allowlist",
	Aliases:  []string{"SYSTEM_COLLATION_ALLOWLIST"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"list": []any{}},
	Summary:  "a COLLATE clause or database collation not in the list (default: none allowed) (Bytebase SYSTEM_COLLATION_ALLOWLIST)",
	Why: "collations decide sort order and equality of text; a collation outside the agreed set sorts differently " +
		"between columns, and libc collation changes on OS upgrades corrupt indexes",
	Fix:  "drop the COLLATE clause to use the database default, or use an allowed collation",
	Bad:  `CREATE TABLE customers (id bigint, name text COLLATE "de-x-icu");`,
	Good: "CREATE TABLE customers (id bigint, name text);",
	Stmt: func(p *review.Pass, s *review.Stmt) {
		var found []string
		add := func(names []*sqlparse.Node) {
			parts := sqlparse.NameList(names)
			if len(parts) > 0 {
				found = append(found, parts[len(parts)-1])
			}
		}
		sqlparse.InspectNodes(s.Node, func(n *sqlparse.Node) bool {
			switch {
			case n.GetColumnDef() != nil:
				add(n.GetColumnDef().GetCollClause().GetCollname())
			case n.GetCollateClause() != nil:
				add(n.GetCollateClause().GetCollname())
			case n.GetIndexElem() != nil:
				add(n.GetIndexElem().GetCollation())
			case n.GetCreateDomainStmt() != nil:
				add(n.GetCreateDomainStmt().GetCollClause().GetCollname())
			}
			return true
		})
		for _, o := range s.Node.GetCreatedbStmt().GetOptions() {
			switch d := o.GetDefElem(); strings.ToLower(d.GetDefname()) {
			case "lc_collate", "locale":
				if v := sqlparse.StringValue(d.GetArg()); v != "" {
					found = append(found, v)
				}
			}
		}
		reported := map[string]bool{}
		for _, c := range found {
			if reported[c] || bbListed(p, c, strings.ToLower) {
				continue
			}
			reported[c] = true
			p.Report(s, "collation %s is not in the allowed list (%s)", bbQuote(c), bbShownList(p))
		}
	},
}
