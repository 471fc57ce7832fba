package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Comment lengths count characters, not bytes: they are read by people.

// bbTableCommentRule checks the tables created in the file: with the option
// required, each needs a COMMENT ON TABLE in the same file; a comment longer
// than maxLength characters (when positive) is flagged at the COMMENT
// statement. It runs at the end of the file, since comments follow the
// CREATE TABLE.
var bbTableCommentRule = &review.Rule{
	ID:       "table.comment",
	Aliases:  []string{"TABLE_COMMENT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"required": false, "maxLength": 64},
	Summary:  "a table created without COMMENT ON TABLE (when required), or with a comment longer than maxLength (Bytebase TABLE_COMMENT)",
	Why:      "table comments document the schema for the people and tools reading the catalog; overlong ones are cut off in UIs",
	Fix:      "add a short COMMENT ON TABLE ... IS '...' after the CREATE TABLE",
	Bad: "CREATE TABLE orders (id bigint);\n" +
		"COMMENT ON TABLE orders IS 'Orders placed by customers through the web shop, the mobile app and the call centre';",
	Good: "CREATE TABLE orders (id bigint);\nCOMMENT ON TABLE orders IS 'Orders placed by customers';",
	End: func(p *review.Pass) {
		type created struct {
			q model.QName
			s *review.Stmt
		}
		var tables []created
		comments := map[model.QName]bbComment{}
		for _, s := range p.Stmts {
			if cs := s.Node.GetCreateStmt(); cs != nil {
				tables = append(tables, created{bbRelName(p, cs.GetRelation()), s})
			}
			if c := s.Node.GetCommentStmt(); c != nil && c.GetObjtype() == sqlparse.OBJECT_TABLE {
				if q, ok := bbObjectName(p, c.GetObject().GetList().GetItems(), 0); ok {
					comments[q] = bbComment{c.GetComment(), s}
				}
			}
		}
		required, maxLen := bbOptionBool(p, "required"), p.OptionInt("maxLength", 64)
		seen := map[model.QName]bool{}
		for _, t := range tables {
			if seen[t.q] || p.Schema.Relation(t.q) == nil {
				continue // created twice, or dropped again
			}
			seen[t.q] = true
			c, ok := comments[t.q]
			switch {
			case (!ok || c.text == "") && required:
				p.Report(t.s, "table %s has no comment; add COMMENT ON TABLE in the same file", t.q)
			case ok && maxLen > 0 && utf8.RuneCountInString(c.text) > maxLen:
				p.ReportHelp(c.s, "shorten the comment to at most the configured maxLength",
					"comment of table %s is %d characters long, more than %d", t.q, utf8.RuneCountInString(c.text), maxLen)
			}
		}
	},
}

// bbComment is a COMMENT ON statement: its text ("" for IS NULL) and where
// it is.
type bbComment struct {
	text string
	s    *review.Stmt
}

// bbColumnKey names a column of a table.
type bbColumnKey struct {
	table  model.QName
	column string
}

// bbColumnCommentRule is table.comment for the columns that CREATE TABLE
// and ALTER TABLE ... ADD COLUMN create in the file.
var bbColumnCommentRule = &review.Rule{
	ID:       "column.comment",
	Aliases:  []string{"COLUMN_COMMENT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"required": false, "maxLength": 64},
	Summary:  "a column created without COMMENT ON COLUMN (when required), or with a comment longer than maxLength (Bytebase COLUMN_COMMENT)",
	Why:      "column comments document units, formats and meanings that names cannot; overlong ones are cut off in UIs",
	Fix:      "add a short COMMENT ON COLUMN table.column IS '...' after the statement creating the column",
	Bad: "CREATE TABLE orders (id bigint, total numeric);\n" +
		"COMMENT ON COLUMN orders.total IS 'Order total in the currency of the customer, taxes and shipping included';",
	Good: "CREATE TABLE orders (id bigint, total numeric);\nCOMMENT ON COLUMN orders.total IS 'Total, taxes included';",
	End: func(p *review.Pass) {
		type created struct {
			key bbColumnKey
			s   *review.Stmt
		}
		var cols []created
		comments := map[bbColumnKey]bbComment{}
		for _, s := range p.Stmts {
			q, defs := bbColumnDefs(p, s)
			for _, cd := range defs {
				cols = append(cols, created{bbColumnKey{q, cd.GetColname()}, s})
			}
			c := s.Node.GetCommentStmt()
			if c == nil || c.GetObjtype() != sqlparse.OBJECT_COLUMN {
				continue
			}
			items := c.GetObject().GetList().GetItems()
			if q, ok := bbObjectName(p, items, 1); ok {
				comments[bbColumnKey{q, sqlparse.StringValue(items[len(items)-1])}] = bbComment{c.GetComment(), s}
			}
		}
		required, maxLen := bbOptionBool(p, "required"), p.OptionInt("maxLength", 64)
		seen := map[bbColumnKey]bool{}
		for _, col := range cols {
			rel := p.Schema.Relation(col.key.table)
			if seen[col.key] || rel == nil || rel.Column(col.key.column) == nil {
				continue // created twice, or dropped again
			}
			seen[col.key] = true
			c, ok := comments[col.key]
			switch {
			case (!ok || c.text == "") && required:
				p.Report(col.s, "column %s of %s has no comment; add COMMENT ON COLUMN in the same file",
					bbQuote(col.key.column), col.key.table)
			case ok && maxLen > 0 && utf8.RuneCountInString(c.text) > maxLen:
				p.ReportHelp(c.s, "shorten the comment to at most the configured maxLength",
					"comment of column %s of %s is %d characters long, more than %d",
					bbQuote(col.key.column), col.key.table, utf8.RuneCountInString(c.text), maxLen)
			}
		}
	},
}

// bbCommentLengthRule flags any COMMENT ON statement whose text is longer
// than number characters.
var bbCommentLengthRule = &review.Rule{
	ID:       "system.comment.length",
	Aliases:  []string{"SYSTEM_COMMENT_LENGTH"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"number": 64},
	Summary:  "a COMMENT ON text longer than number characters (default 64) (Bytebase SYSTEM_COMMENT_LENGTH)",
	Why:      "long comments are cut off in schema browsers and belong in the documentation",
	Fix:      "shorten the comment and move details to the documentation",
	Bad:      "COMMENT ON SCHEMA public IS 'Everything of the shop: orders, customers, invoices, shipments, returns and payments';",
	Good:     "COMMENT ON SCHEMA public IS 'Shop data';",
	Nodes:    []string{"CommentStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		c := s.Node.GetCommentStmt()
		if c == nil {
			return
		}
		n, limit := utf8.RuneCountInString(c.GetComment()), p.OptionInt("number", 64)
		if limit > 0 && n > limit {
			kind := strings.ToLower(strings.TrimPrefix(c.GetObjtype().String(), "OBJECT_"))
			p.Report(s, "comment on %s is %d characters long, more than %d", strings.ReplaceAll(kind, "_", " "), n, limit)
		}
	},
}
