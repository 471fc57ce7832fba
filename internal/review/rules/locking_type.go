package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// columnChangeType flags ALTER COLUMN ... TYPE on an existing table unless
// the change is provably binary-coercible from the column's type known from
// history (see typeChangeSafe).
var columnChangeType = &review.Rule{
	ID:       "column.change-type",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Aliases:  []string{"column.disallow-change-type", "COLUMN_DISALLOW_CHANGE_TYPE"},
	Summary:  "ALTER COLUMN ... TYPE that rewrites an existing table",
	Why: "Changing a column's type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock " +
		"that blocks reads and writes; it can also fail on existing data or on views that depend on the column. " +
		"Only binary-coercible changes skip the rewrite: varchar(n) to varchar(m >= n) or text, text to varchar, " +
		"numeric(p,s) to numeric(p' >= p,s), dropping a length or precision limit, text or varchar to citext " +
		"(and back) on a column no index uses. timestamp to timestamptz " +
		"skips it only when the session TimeZone is UTC, which review cannot know.",
	Fix: "add a new column of the new type, backfill it in batches, switch reads and writes to it, then drop the old column",
	Bad: "CREATE TABLE orders (id integer PRIMARY KEY, note varchar(100));\n-- next file --\n" +
		"ALTER TABLE orders ALTER COLUMN id TYPE bigint;\n",
	Good: "CREATE TABLE orders (id integer PRIMARY KEY, note varchar(100));\n-- next file --\n" +
		"ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);\n",
	Stmt: func(p *review.Pass, s *review.Stmt) {
		lkAlter(p, s, func(q model.QName, rel *model.Relation, cmd *sqlparse.AlterTableCmd) {
			if cmd.GetSubtype() != sqlparse.AT_AlterColumnType {
				return
			}
			tc := typeChangeSafe(p.Schema, rel, cmd)
			if tc.safe {
				return
			}
			from := ""
			if tc.from != "" {
				from = " from " + tc.from
			}
			verb := "are"
			if tc.from == "" || strings.HasPrefix(tc.why, "(unless") {
				verb = "may be"
			}
			p.Report(s, "changing the type of column %s of existing table %s%s to %s %s: the table and its "+
				"indexes %s rewritten under an ACCESS EXCLUSIVE lock", lkIdent(cmd.GetName()), lkName(q), from, tc.to, tc.why, verb)
		})
	},
}

// typeChange is the verdict on an ALTER COLUMN ... TYPE.
type typeChange struct {
	safe     bool
	from, to string
	// why explains an unsafe verdict ("is not binary-coercible", ...).
	why string
}

// typeChangeSafe decides whether an ALTER COLUMN ... TYPE subcommand keeps
// the table's files: the old type must be known, there must be no USING
// clause and no collation change, and the change must be one PostgreSQL
// does without a rewrite.
func typeChangeSafe(schema *model.Schema, rel *model.Relation, cmd *sqlparse.AlterTableCmd) typeChange {
	cd := cmd.GetDef().GetColumnDef()
	tc := typeChange{to: lkTypeString(schema, cd.GetTypeName())}
	var col *model.Column
	if rel != nil {
		col = rel.Column(cmd.GetName())
	}
	if col == nil || col.Type == "" {
		tc.why = "(the current type is unknown, so the change cannot be proven binary-coercible)"
		return tc
	}
	tc.from = col.Type
	switch {
	case cd.GetRawDefault() != nil && !usingKeepsColumn(schema, cd.GetRawDefault(), cmd.GetName(), tc.to):
		tc.why = "with a USING expression, which is evaluated for every row"
	case strings.Join(sqlparse.NameList(cd.GetCollClause().GetCollname()), ".") != col.Collation:
		// Without COLLATE the column gets the new type's default collation.
		tc.why = "with a new collation, which rebuilds the indexes on the column"
	case binaryCoercible(tc.from, tc.to):
		tc.safe = true
	case citextCoercible(tc.from, tc.to):
		// The citext extension's casts from text and varchar (and back to
		// text) are WITHOUT FUNCTION: no rewrite, but every index on the
		// column is rebuilt for citext's operator class.
		if columnIndexed(rel, cmd.GetName()) {
			tc.why = "(binary-coercible, but the indexes on the column are rebuilt for the new operator class)"
		} else {
			tc.safe = true
		}
	case strings.HasPrefix(tc.from, "timestamp") && strings.HasPrefix(tc.to, "timestamp"):
		tc.why = "(unless the session TimeZone is UTC, which review cannot know)"
	default:
		tc.why = "(not binary-coercible)"
	}
	return tc
}

// usingKeepsColumn reports whether the USING expression of a type change
// leaves the column's contents as they are: the column itself, or the
// column cast to the new type. PostgreSQL then decides about the rewrite
// as without USING (ALTER TABLE docs: "if the USING clause does not change
// the column contents").
func usingKeepsColumn(schema *model.Schema, using *sqlparse.Node, col, to string) bool {
	if tc := using.GetTypeCast(); tc != nil {
		if lkTypeString(schema, tc.GetTypeName()) != to {
			return false
		}
		using = tc.GetArg()
	}
	fields := using.GetColumnRef().GetFields()
	return len(fields) == 1 && sqlparse.StringValue(fields[0]) == col
}

// lkTypeString spells a type name as the model spells column types: user
// types the model knows qualified by their schema.
func lkTypeString(schema *model.Schema, tn *sqlparse.TypeName) string {
	spelled := sqlparse.TypeNameString(tn)
	names := sqlparse.NameList(tn.GetNames())
	if len(names) != 1 || names[0] == "char" || !strings.HasPrefix(spelled, names[0]) {
		return spelled
	}
	q := schema.ResolveType("", names[0])
	if schema.Enum(q) != nil || schema.Domain(q) != nil || schema.Composite(q) != nil {
		return q.String() + spelled[len(names[0]):]
	}
	return spelled
}

// binaryCoercible reports whether changing a column from type from to type
// to (spelled as format_type does) keeps the stored bytes and needs no
// check, so PostgreSQL neither rewrites nor scans the table.
func binaryCoercible(from, to string) bool {
	if from == to {
		return true
	}
	fb, fm := splitTypmod(from)
	tb, tm := splitTypmod(to)
	switch {
	case fb == "character varying" && tb == "text", fb == "text" && tb == "character varying" && tm == nil,
		fb == "cidr" && tb == "inet" && tm == nil:
		return true
	case fb != tb:
		return false
	case tm == nil:
		// Dropping a length or precision limit.
		return fm != nil && limitedTypes[fb]
	case fm == nil:
		return false
	}
	switch fb {
	case "character varying", "bit varying", "timestamp without time zone", "timestamp with time zone",
		"time without time zone", "time with time zone", "interval":
		return len(fm) == 1 && len(tm) == 1 && tm[0] >= fm[0]
	case "numeric":
		fs, ts := 0, 0
		if len(fm) == 2 {
			fs = fm[1]
		}
		if len(tm) == 2 {
			ts = tm[1]
		}
		return tm[0] >= fm[0] && ts == fs
	}
	return false
}

// citextCoercible reports a change between text or varchar and the citext
// extension type that the extension's WITHOUT FUNCTION casts make
// binary-coercible: text and varchar(n) to citext, citext to text or
// unlimited varchar.
func citextCoercible(from, to string) bool {
	fb, _ := splitTypmod(from)
	tb, tm := splitTypmod(to)
	switch {
	case isCitext(to):
		return fb == "text" || fb == "character varying"
	case isCitext(from):
		return tb == "text" || tb == "character varying" && tm == nil
	}
	return false
}

// isCitext reports the citext type, schema-qualified or not.
func isCitext(t string) bool {
	return t == "citext" || strings.HasSuffix(t, ".citext")
}

// columnIndexed reports whether an index of rel may use the column: as a
// key or INCLUDE column, or anywhere in an expression or predicate (a
// conservative textual match).
func columnIndexed(rel *model.Relation, col string) bool {
	for _, ix := range rel.Indexes {
		if slices.Contains(ix.Include, col) || strings.Contains(ix.Predicate, col) {
			return true
		}
		for _, c := range ix.Columns {
			if c == col || strings.ContainsAny(c, "( ") && strings.Contains(c, col) {
				return true
			}
		}
	}
	return false
}

// limitedTypes are the types whose length or precision limit can be dropped
// without a rewrite.
var limitedTypes = map[string]bool{
	"character varying": true, "bit varying": true, "numeric": true,
	"timestamp without time zone": true, "timestamp with time zone": true,
	"time without time zone": true, "time with time zone": true, "interval": true,
}

// splitTypmod splits "character varying(20)" into "character varying" and
// [20], and "timestamp(3) with time zone" into "timestamp with time zone"
// and [3]. A type without modifiers gives nil; modifiers that are not
// integers give the whole spelling and nil.
func splitTypmod(t string) (string, []int) {
	open := strings.IndexByte(t, '(')
	end := strings.IndexByte(t, ')')
	if open < 0 || end < open {
		return t, nil
	}
	var mods []int
	for _, m := range strings.Split(t[open+1:end], ",") {
		n, err := strconv.Atoi(strings.TrimSpace(m))
		if err != nil {
			return t, nil
		}
		mods = append(mods, n)
	}
	return strings.TrimSpace(t[:open] + t[end+1:]), mods
}
