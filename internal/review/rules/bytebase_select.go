package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bbSelectNoSelectAllRule flags SELECT * (and t.*) in any query of any
// statement: SELECT, INSERT ... SELECT, CREATE TABLE AS, CREATE VIEW and
// subqueries. The select list of an EXISTS subquery is exempt: it is never
// read.
var bbSelectNoSelectAllRule = &review.Rule{
	ID:       "statement.select.no-select-all",
	Aliases:  []string{"STATEMENT_SELECT_NO_SELECT_ALL"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "SELECT * (Bytebase STATEMENT_SELECT_NO_SELECT_ALL)",
	Why: "the result changes shape whenever a column is added or dropped: views freeze the column list, " +
		"INSERT ... SELECT * breaks or silently shifts columns",
	Fix:  "name the columns you need in the select list",
	Bad:  "CREATE VIEW active_customers AS SELECT * FROM customers WHERE active;",
	Good: "CREATE VIEW active_customers AS SELECT id, name FROM customers WHERE active;",
	Stmt: func(p *review.Pass, s *review.Stmt) {
		found := false
		sqlparse.InspectNodes(s.Node, func(n *sqlparse.Node) bool {
			if found {
				return false
			}
			if sl := n.GetSubLink(); sl != nil && sl.GetSubLinkType() == sqlparse.EXISTS_SUBLINK {
				// Look below the EXISTS select list only: its FROM and WHERE
				// may hold other subqueries.
				sel := sl.GetSubselect().GetSelectStmt()
				for _, part := range [][]*sqlparse.Node{sel.GetFromClause(), {sel.GetWhereClause()}} {
					for _, x := range part {
						sqlparse.InspectNodes(x, func(m *sqlparse.Node) bool {
							found = found || bbSelectsAll(m)
							return !found
						})
					}
				}
				return false
			}
			found = bbSelectsAll(n)
			return !found
		})
		if found {
			p.Report(s, "%s selects all columns with *", bbSummary(s))
		}
	},
}

// bbSelectsAll reports whether n is a query one of whose SELECTs (the
// branches of a UNION included) has a * or t.* in its select list.
func bbSelectsAll(n *sqlparse.Node) bool {
	sel := n.GetSelectStmt()
	if sel == nil {
		return false
	}
	for _, b := range bbSelectBranches(sel) {
		for _, t := range b.GetTargetList() {
			fields := t.GetResTarget().GetVal().GetColumnRef().GetFields()
			if len(fields) > 0 && fields[len(fields)-1].GetAStar() != nil {
				return true
			}
		}
	}
	return false
}

// bbWhereRequireSelectRule flags a SELECT statement that reads a table
// without a WHERE clause. Only the statement's own query (and the branches of
// a UNION) count, not its subqueries; a SELECT without FROM (SELECT now(),
// SELECT setval(...)) reads no table.
var bbWhereRequireSelectRule = &review.Rule{
	ID:       "statement.where.require.select",
	Aliases:  []string{"STATEMENT_WHERE_REQUIRE_SELECT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "SELECT from a table without WHERE (Bytebase STATEMENT_WHERE_REQUIRE_SELECT)",
	Why:      "an unfiltered SELECT reads the whole table: slow on big tables and rarely what a migration means",
	Fix:      "add a WHERE clause that selects the rows you need",
	Bad:      "SELECT id FROM orders;",
	Good:     "SELECT id FROM orders WHERE created_at > now() - interval '1 day';",
	Nodes:    []string{"SelectStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		sel := s.Node.GetSelectStmt()
		if sel == nil || sel.GetIntoClause() != nil {
			return
		}
		for _, q := range bbSelectBranches(sel) {
			if len(q.GetFromClause()) > 0 && q.GetWhereClause() == nil {
				p.Report(s, "SELECT from %s has no WHERE clause", bbFromName(p, q))
				return
			}
		}
	},
}

// bbSelectBranches returns the plain SELECTs of a query: the query itself, or
// the branches of its UNION / INTERSECT / EXCEPT.
func bbSelectBranches(sel *sqlparse.SelectStmt) []*sqlparse.SelectStmt {
	if sel.GetLarg() == nil && sel.GetRarg() == nil {
		return []*sqlparse.SelectStmt{sel}
	}
	var out []*sqlparse.SelectStmt
	for _, arm := range []*sqlparse.SelectStmt{sel.GetLarg(), sel.GetRarg()} {
		if arm != nil {
			out = append(out, bbSelectBranches(arm)...)
		}
	}
	return out
}

// bbFromName names the first relation of a query's FROM clause, for messages.
func bbFromName(p *review.Pass, sel *sqlparse.SelectStmt) string {
	name := ""
	sqlparse.InspectNodes(sel.GetFromClause()[0], func(n *sqlparse.Node) bool {
		if rv := n.GetRangeVar(); rv != nil && name == "" {
			name = bbRelName(p, rv).String()
		}
		return name == ""
	})
	if name == "" {
		return "a subquery"
	}
	return name
}

// bbWhereNoLeadingWildcardRule flags LIKE and ILIKE patterns that start
// with %, anywhere in a statement.
var bbWhereNoLeadingWildcardRule = &review.Rule{
	ID:       "statement.where.no-leading-wildcard-like",
	Aliases:  []string{"STATEMENT_WHERE_NO_LEADING_WILDCARD_LIKE"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "LIKE '%...' (Bytebase STATEMENT_WHERE_NO_LEADING_WILDCARD_LIKE)",
	Why:      "a pattern with a leading wildcard cannot use a btree index: the whole table is scanned",
	Fix:      "anchor the pattern at the start (LIKE 'abc%') or use a trigram (pg_trgm) index",
	Bad:      "UPDATE customers SET flagged = true WHERE email LIKE '%@example.com';",
	Good:     "UPDATE customers SET flagged = true WHERE email LIKE 'admin@%';",
	Stmt: func(p *review.Pass, s *review.Stmt) {
		pattern := ""
		sqlparse.InspectNodes(s.Node, func(n *sqlparse.Node) bool {
			e := n.GetAExpr()
			if pattern != "" || e == nil || (e.GetKind() != sqlparse.AEXPR_LIKE && e.GetKind() != sqlparse.AEXPR_ILIKE) {
				return pattern == ""
			}
			if v := sqlparse.ConstString(e.GetRexpr()); strings.HasPrefix(v, "%") {
				pattern = v
			}
			return pattern == ""
		})
		if pattern != "" {
			p.Report(s, "LIKE pattern '%s' starts with a wildcard", pattern)
		}
	},
}
