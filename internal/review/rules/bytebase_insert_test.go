package rules

import "testing"

func TestBBInsertRowLimit(t *testing.T) {
	two := map[string]any{"number": 2}
	runRuleTests(t, "statement.insert.row-limit", []ruleTest{
		{name: "over the limit", opts: two, sql: "INSERT INTO t (a) VALUES (1), (2), (3);", want: []int{1}},
		{name: "at the limit", opts: two, sql: "INSERT INTO t (a) VALUES (1), (2);"},
		{name: "default limit", sql: "INSERT INTO t (a) VALUES " + bbValueRows(1001) + ";", want: []int{1}},
		{name: "default limit not reached", sql: "INSERT INTO t (a) VALUES " + bbValueRows(1000) + ";"},
		{name: "insert select is not counted offline", opts: two, sql: "INSERT INTO t (a) SELECT g FROM generate_series(1, 10) g;"},
		{name: "float option from yaml", opts: map[string]any{"number": 1.0}, sql: "INSERT INTO s.t (a) VALUES (1), (2);", want: []int{1}},
	})
}

func TestBBInsertMustSpecifyColumn(t *testing.T) {
	runRuleTests(t, "statement.insert.must-specify-column", []ruleTest{
		{name: "values without columns", sql: "INSERT INTO t VALUES (1, 'a');", want: []int{1}},
		{name: "select without columns", sql: "INSERT INTO t SELECT a, b FROM u;", want: []int{1}},
		{name: "with columns", sql: "INSERT INTO t (a, b) VALUES (1, 'a');"},
		{name: "default values", sql: "INSERT INTO t DEFAULT VALUES;"},
		{name: "quoted table", sql: "INSERT INTO \"T\" VALUES (1);", want: []int{1}},
	})
}

func TestBBInsertDisallowOrderByRand(t *testing.T) {
	runRuleTests(t, "statement.insert.disallow-order-by-rand", []ruleTest{
		{name: "order by random", sql: "INSERT INTO t (a) SELECT a FROM u ORDER BY random() LIMIT 5;", want: []int{1}},
		{name: "qualified random in a subquery", sql: "INSERT INTO t (a) SELECT a FROM (SELECT a FROM u ORDER BY pg_catalog.random() LIMIT 5) s;", want: []int{1}},
		{name: "order by column", sql: "INSERT INTO t (a) SELECT a FROM u ORDER BY a LIMIT 5;"},
		{name: "random order in a CTE of the insert", sql: "WITH picked AS (SELECT a FROM u ORDER BY random() LIMIT 5)\nINSERT INTO t (a) SELECT a FROM picked;", want: []int{1}},
		{name: "deterministic CTE", sql: "WITH picked AS (SELECT a FROM u ORDER BY a LIMIT 5) INSERT INTO t (a) SELECT a FROM picked;"},
		{name: "random as a value", sql: "INSERT INTO t (a) SELECT random() FROM u ORDER BY 1;"},
		{name: "plain select is not an insert", sql: "SELECT a FROM u ORDER BY random();"},
	})
}
