package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bbIndexNoDuplicateColumnRule flags an index or constraint that lists the
// same column twice: CREATE INDEX, and PRIMARY KEY, UNIQUE and FOREIGN KEY
// constraints of CREATE TABLE and ALTER TABLE.
var bbIndexNoDuplicateColumnRule = &review.Rule{
	ID:       "index.no-duplicate-column",
	Aliases:  []string{"INDEX_NO_DUPLICATE_COLUMN", "table.no-duplicate-index"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "the same column twice in one index or constraint (Bytebase INDEX_NO_DUPLICATE_COLUMN)",
	Why:      "a repeated key column adds nothing but size, and usually hides a typo for another column",
	Fix:      "list each column once",
	Bad:      "CREATE INDEX orders_customer_idx ON orders (customer_id, customer_id);",
	Good:     "CREATE INDEX orders_customer_idx ON orders (customer_id, created_at);",
	Nodes:    []string{"IndexStmt", "CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if is := s.Node.GetIndexStmt(); is != nil {
			var cols []string
			for _, e := range is.GetIndexParams() {
				cols = append(cols, e.GetIndexElem().GetName()) // "" for expressions
			}
			if dup := bbDuplicate(cols); dup != "" {
				p.Report(s, "index on %s lists column %s twice", bbRelName(p, is.GetRelation()), bbQuote(dup))
			}
		}
		for _, tc := range bbConstraints(p, s) {
			what := bbCompatConstraint(tc.con)
			if what == "" || what == "CHECK" {
				continue
			}
			if dup := bbDuplicate(tc.columns()); dup != "" {
				p.Report(s, "%s constraint on %s lists column %s twice", what, tc.table, bbQuote(dup))
			}
			if tc.con.GetContype() == sqlparse.CONSTR_FOREIGN {
				if dup := bbDuplicate(sqlparse.NameList(tc.con.GetPkAttrs())); dup != "" {
					p.Report(s, "FOREIGN KEY constraint on %s references column %s twice", tc.table, bbQuote(dup))
				}
			}
		}
	},
}

// bbDuplicate returns the first name listed twice in names ("" entries, for
// expressions, are ignored), or "".
func bbDuplicate(names []string) string {
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" {
			continue
		}
		if seen[n] {
			return n
		}
		seen[n] = true
	}
	return ""
}

// bbIndexTables returns the tables to which a statement adds an index:
// CREATE INDEX, and PRIMARY KEY, UNIQUE and EXCLUDE constraints.
func bbIndexTables(p *review.Pass, s *review.Stmt) []model.QName {
	var out []model.QName
	if is := s.Node.GetIndexStmt(); is != nil {
		out = append(out, bbRelName(p, is.GetRelation()))
	}
	for _, tc := range bbConstraints(p, s) {
		switch tc.con.GetContype() {
		case sqlparse.CONSTR_PRIMARY, sqlparse.CONSTR_UNIQUE, sqlparse.CONSTR_EXCLUSION:
			out = append(out, tc.table)
		}
	}
	return out
}

// bbIndexTotalNumberLimitRule flags a table to which the file adds an index
// when, after the file, it has more than number indexes (those of primary
// keys and unique constraints included). It is reported once per table, at
// the last statement adding one (as Bytebase does). The tables are resolved
// statement by statement (search_path may change within the file).
var bbIndexTotalNumberLimitRule = &review.Rule{
	ID:       "index.total-number-limit",
	Aliases:  []string{"INDEX_TOTAL_NUMBER_LIMIT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"number": 5},
	Summary:  "a table ending up with more than number indexes (default 5) (Bytebase INDEX_TOTAL_NUMBER_LIMIT)",
	Why:      "every index slows down every write to the table and takes space and cache; many indexes usually overlap",
	Fix:      "drop unused or redundant indexes (check pg_stat_user_indexes) before adding another",
	Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, a int, b int, c int, d int, e int);\n" +
		"CREATE INDEX ON orders (a);\nCREATE INDEX ON orders (b);\nCREATE INDEX ON orders (c);\n" +
		"CREATE INDEX ON orders (d);\nCREATE INDEX ON orders (e);",
	Good: "CREATE TABLE orders (id bigint PRIMARY KEY, a int, b int, c int, d int, e int);\n" +
		"CREATE INDEX ON orders (a);\nCREATE INDEX ON orders (b, c);\nCREATE INDEX ON orders (d, e);",
	Nodes: []string{"IndexStmt", "CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := convState[bbIndexedTables](p)
	next:
		for _, q := range bbIndexTables(p, s) {
			for i := range st.list {
				if st.list[i].q == q {
					st.list[i].last = s
					continue next
				}
			}
			st.list = append(st.list, bbIndexedTable{q, s})
		}
	},
	End: func(p *review.Pass) {
		limit := p.OptionInt("number", 5)
		for _, t := range convTakeState[bbIndexedTables](p).list {
			rel := p.Schema.Relation(t.q)
			if rel != nil && len(rel.Indexes) > limit {
				p.Report(t.last, "table %s has %d indexes after this migration, more than %d", t.q, len(rel.Indexes), limit)
			}
		}
	},
}

// bbIndexedTable is a table to which the file adds indexes, with the last
// statement adding one.
type bbIndexedTable struct {
	q    model.QName
	last *review.Stmt
}

// bbIndexedTables is the state of index.total-number-limit.
type bbIndexedTables struct{ list []bbIndexedTable }
