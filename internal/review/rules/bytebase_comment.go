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
// statement. As in Bytebase, the last comment on a table is the one that
// counts. Names are resolved statement by statement (search_path may change
// within the file); the decision waits for the end of the file, since
// comments follow the CREATE TABLE.
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
	Good:  "CREATE TABLE orders (id bigint);\nCOMMENT ON TABLE orders IS 'Orders placed by customers';",
	Nodes: []string{"CreateStmt", "CommentStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := convState[bbTableComments](p)
		if cs := s.Node.GetCreateStmt(); cs != nil {
			st.created = append(st.created, bbCommented{key: bbColumnKey{table: bbRelName(p, cs.GetRelation())}, s: s})
		}
		if c := s.Node.GetCommentStmt(); c != nil && c.GetObjtype() == sqlparse.OBJECT_TABLE {
			if q, ok := bbObjectName(p, c.GetObject().GetList().GetItems(), 0); ok {
				st.comments = append(st.comments, bbCommented{key: bbColumnKey{table: q}, s: s, text: c.GetComment()})
			}
		}
	},
	End: func(p *review.Pass) {
		bbCheckComments(p, &convTakeState[bbTableComments](p).bbCommentState)
	},
}

// bbComment is a COMMENT ON statement: its text ("" for IS NULL) and where
// it is.
type bbComment struct {
	text string
	s    *review.Stmt
}

// bbColumnKey names a column of a table (column "" names the table).
type bbColumnKey struct {
	table  model.QName
	column string
}

// bbCommented is a table or column created by a statement, or a comment
// on one (text "" for IS NULL).
type bbCommented struct {
	key  bbColumnKey
	s    *review.Stmt
	text string
}

// bbCommentState is what table.comment and column.comment gather from the
// statements of a file: the objects created and the comments, in order.
type bbCommentState struct {
	created, comments []bbCommented
}

// bbTableComments and bbColumnComments are the states of the two rules.
type (
	bbTableComments  struct{ bbCommentState }
	bbColumnComments struct{ bbCommentState }
)

// bbCheckComments reports, for each table or column that the file created
// and that still exists at its end, a missing comment (option required) or
// a last comment longer than maxLength characters.
func bbCheckComments(p *review.Pass, st *bbCommentState) {
	if len(st.created) == 0 {
		return
	}
	last := make(map[bbColumnKey]bbComment, len(st.comments))
	for _, c := range st.comments {
		last[c.key] = bbComment{c.text, c.s}
	}
	required, maxLen := bbOptionBool(p, "required"), p.OptionInt("maxLength", 64)
	seen := make(map[bbColumnKey]bool, len(st.created))
	for _, o := range st.created {
		rel := p.Schema.Relation(o.key.table)
		if seen[o.key] || rel == nil || (o.key.column != "" && rel.Column(o.key.column) == nil) {
			continue // created twice, or dropped or renamed again
		}
		seen[o.key] = true
		c, ok := last[o.key]
		switch {
		case (!ok || c.text == "") && required && o.key.column == "":
			p.Report(o.s, "table %s has no comment; add COMMENT ON TABLE in the same file", o.key.table)
		case (!ok || c.text == "") && required:
			p.Report(o.s, "column %s of %s has no comment; add COMMENT ON COLUMN in the same file",
				bbQuote(o.key.column), o.key.table)
		case ok && maxLen > 0 && utf8.RuneCountInString(c.text) > maxLen && o.key.column == "":
			p.ReportHelp(c.s, "shorten the comment to at most the configured maxLength",
				"comment of table %s is %d characters long, more than %d", o.key.table, utf8.RuneCountInString(c.text), maxLen)
		case ok && maxLen > 0 && utf8.RuneCountInString(c.text) > maxLen:
			p.ReportHelp(c.s, "shorten the comment to at most the configured maxLength",
				"comment of column %s of %s is %d characters long, more than %d",
				bbQuote(o.key.column), o.key.table, utf8.RuneCountInString(c.text), maxLen)
		}
	}
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
	Good:  "CREATE TABLE orders (id bigint, total numeric);\nCOMMENT ON COLUMN orders.total IS 'Total, taxes included';",
	Nodes: []string{"CreateStmt", "AlterTableStmt", "CommentStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := convState[bbColumnComments](p)
		q, defs := bbColumnDefs(p, s)
		for _, cd := range defs {
			st.created = append(st.created, bbCommented{key: bbColumnKey{q, cd.GetColname()}, s: s})
		}
		c := s.Node.GetCommentStmt()
		if c == nil || c.GetObjtype() != sqlparse.OBJECT_COLUMN {
			return
		}
		items := c.GetObject().GetList().GetItems()
		if q, ok := bbObjectName(p, items, 1); ok {
			st.comments = append(st.comments, bbCommented{key: bbColumnKey{q, sqlparse.StringValue(items[len(items)-1])}, s: s, text: c.GetComment()})
		}
	},
	End: func(p *review.Pass) {
		bbCheckComments(p, &convTakeState[bbColumnComments](p).bbCommentState)
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
