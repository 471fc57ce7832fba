package rules

import (
	"strconv"
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bbInsertRowLimitRule flags INSERT ... VALUES with more than number rows.
// Bytebase also flags INSERT ... SELECT whose EXPLAIN estimate exceeds the
// limit; that needs a live database, so only the VALUES form is checked.
var bbInsertRowLimitRule = &review.Rule{
	ID:       "statement.insert.row-limit",
	Aliases:  []string{"STATEMENT_INSERT_ROW_LIMIT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"number": 1000},
	Summary:  "INSERT ... VALUES with more than number rows (default 1000) (Bytebase STATEMENT_INSERT_ROW_LIMIT)",
	Why:      "big data loads in a schema migration hold locks and bloat WAL in one transaction; they belong in a batched data job",
	Fix:      "split the rows into several INSERT statements of at most the limit, or load them with COPY in a data job",
	// With the default limit the bad example needs 1,001 rows.
	Bad:   "INSERT INTO numbers (n) VALUES " + bbValueRows(1001) + ";",
	Good:  "INSERT INTO numbers (n) VALUES " + bbValueRows(1000) + ";",
	Nodes: []string{"InsertStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		ins := s.Node.GetInsertStmt()
		if ins == nil {
			return
		}
		rows, limit := len(ins.GetSelectStmt().GetSelectStmt().GetValuesLists()), p.OptionInt("number", 1000)
		if limit >= 0 && rows > limit {
			p.Report(s, "INSERT into %s has %s, more than %d", bbRelName(p, ins.GetRelation()), bbPlural(rows, "row"), limit)
		}
	},
}

// bbInsertMustSpecifyColumnRule flags INSERT without a column list (INSERT
// ... DEFAULT VALUES has nothing to list and is exempt).
var bbInsertMustSpecifyColumnRule = &review.Rule{
	ID:       "statement.insert.must-specify-column",
	Aliases:  []string{"STATEMENT_INSERT_MUST_SPECIFY_COLUMN"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "INSERT without a column list (Bytebase STATEMENT_INSERT_MUST_SPECIFY_COLUMN)",
	Why:      "values are matched to columns by position: adding, dropping or reordering a column breaks or corrupts the insert",
	Fix:      "list the target columns: INSERT INTO t (a, b) VALUES (...)",
	Bad:      "INSERT INTO countries VALUES ('at', 'Austria');",
	Good:     "INSERT INTO countries (code, name) VALUES ('at', 'Austria');",
	Nodes:    []string{"InsertStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		ins := s.Node.GetInsertStmt()
		if ins == nil || ins.GetSelectStmt() == nil || len(ins.GetCols()) > 0 {
			return
		}
		p.Report(s, "INSERT into %s does not list its target columns", bbRelName(p, ins.GetRelation()))
	},
}

// bbInsertDisallowOrderByRandRule flags INSERT ... SELECT whose query (a
// subquery of it, or a CTE of the INSERT's WITH clause) is ordered by
// random().
var bbInsertDisallowOrderByRandRule = &review.Rule{
	ID:       "statement.insert.disallow-order-by-rand",
	Aliases:  []string{"STATEMENT_INSERT_DISALLOW_ORDER_BY_RAND"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Summary:  "INSERT ... SELECT ... ORDER BY random() (Bytebase STATEMENT_INSERT_DISALLOW_ORDER_BY_RAND)",
	Why:      "ORDER BY random() sorts the whole source table, and the inserted rows differ on every run of the migration",
	Fix:      "select the rows by a deterministic condition, or sample with TABLESAMPLE ... REPEATABLE (seed)",
	Bad:      "INSERT INTO sample_customers (id) SELECT id FROM customers ORDER BY random() LIMIT 100;",
	Good:     "INSERT INTO sample_customers (id) SELECT id FROM customers ORDER BY id LIMIT 100;",
	Nodes:    []string{"InsertStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		ins := s.Node.GetInsertStmt()
		if ins == nil {
			return
		}
		found := false
		// The whole statement: WITH picked AS (... ORDER BY random()) INSERT
		// ... SELECT ... FROM picked samples just the same.
		sqlparse.InspectNodes(s.Node, func(n *sqlparse.Node) bool {
			if fc := n.GetSortBy().GetNode().GetFuncCall(); fc != nil {
				names := sqlparse.NameList(fc.GetFuncname())
				if len(names) > 0 && names[len(names)-1] == "random" {
					found = true
				}
			}
			return !found
		})
		if found {
			p.Report(s, "INSERT into %s selects its rows in ORDER BY random() order", bbRelName(p, ins.GetRelation()))
		}
	},
}

// bbValueRows returns n rows for a VALUES list: (1),(2),...
func bbValueRows(n int) string {
	rows := make([]string, n)
	for i := range rows {
		rows[i] = "(" + strconv.Itoa(i+1) + ")"
	}
	return strings.Join(rows, ",")
}
