package rules

import "testing"

func TestBBSelectNoSelectAll(t *testing.T) {
	runRuleTests(t, "statement.select.no-select-all", []ruleTest{
		{name: "select star", sql: "SELECT * FROM t WHERE id = 1;", want: []int{1}},
		{name: "qualified star", sql: "SELECT t.* FROM t;", want: []int{1}},
		{name: "insert select", sql: "INSERT INTO u (a) SELECT * FROM t;", want: []int{1}},
		{name: "subquery", sql: "SELECT a FROM (SELECT * FROM t) s;", want: []int{1}},
		{name: "cte", sql: "WITH x AS (SELECT * FROM t) SELECT a FROM x;", want: []int{1}},
		{name: "create table as", sql: "CREATE TABLE u AS SELECT * FROM t;", want: []int{1}},
		{name: "view", sql: "CREATE VIEW v AS\n  SELECT * FROM t;", want: []int{1}},
		{name: "count star is fine", sql: "SELECT count(*) FROM t;"},
		{name: "named columns", sql: "SELECT a, b FROM t;"},
		{name: "exists select star is fine", sql: "SELECT a FROM t WHERE EXISTS (SELECT * FROM u WHERE u.a = t.a);"},
		{name: "select star inside exists from", sql: "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM (SELECT * FROM u) x);", want: []int{1}},
		{name: "one finding per statement", sql: "SELECT * FROM t UNION SELECT * FROM u;", want: []int{1}},
	})
}

func TestBBWhereRequireSelect(t *testing.T) {
	runRuleTests(t, "statement.where.require.select", []ruleTest{
		{name: "no where", sql: "SELECT a FROM t;", want: []int{1}},
		{name: "with where", sql: "SELECT a FROM t WHERE a > 1;"},
		{name: "no from", sql: "SELECT now();\nSELECT setval('s', 10);"},
		{name: "union branch without where", sql: "SELECT a FROM t WHERE a > 1\nUNION ALL SELECT a FROM u;", want: []int{1}},
		{name: "subquery not checked", sql: "SELECT a FROM t WHERE a IN (SELECT b FROM u);"},
		{name: "insert select not checked", sql: "INSERT INTO u (a) SELECT a FROM t;"},
		{name: "select into creates a table", sql: "SELECT a INTO u FROM t;"},
		{name: "values", sql: "VALUES (1), (2);"},
	})
}

func TestBBWhereNoLeadingWildcardLike(t *testing.T) {
	runRuleTests(t, "statement.where.no-leading-wildcard-like", []ruleTest{
		{name: "select", sql: "SELECT a FROM t WHERE b LIKE '%x';", want: []int{1}},
		{name: "ilike in delete", sql: "DELETE FROM t WHERE b ILIKE '%x%';", want: []int{1}},
		{name: "not like in update", sql: "UPDATE t SET a = 1\nWHERE b NOT LIKE '%x';", want: []int{1}},
		{name: "trailing wildcard", sql: "SELECT a FROM t WHERE b LIKE 'x%';"},
		{name: "underscore first", sql: "SELECT a FROM t WHERE b LIKE '_x%';"},
		{name: "equality with percent", sql: "SELECT a FROM t WHERE b = '%x';"},
	})
}
