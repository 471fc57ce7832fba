package rules

import "testing"

func TestBBIndexNoDuplicateColumn(t *testing.T) {
	runRuleTests(t, "index.no-duplicate-column", []ruleTest{
		{name: "index", sql: "CREATE INDEX i ON t (a, b, a);", want: []int{1}},
		{name: "index ok", sql: "CREATE INDEX i ON t (a, b);"},
		{name: "expressions are not columns", sql: "CREATE INDEX i ON t (lower(a), lower(a));"},
		{name: "quoted names differ", sql: "CREATE INDEX i ON t (\"A\", a);"},
		{name: "primary key", sql: "CREATE TABLE t (a int, PRIMARY KEY (a, a));", want: []int{1}},
		{name: "unique", sql: "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a, b, b);", want: []int{1}},
		{name: "foreign key", sql: "ALTER TABLE t ADD FOREIGN KEY (a, a) REFERENCES u (x, y);", want: []int{1}},
		{name: "foreign key references twice", sql: "ALTER TABLE t ADD FOREIGN KEY (a, b) REFERENCES u (x, x);", want: []int{1}},
		{name: "alias table.no-duplicate-index", sql: "CREATE INDEX i ON t (a, a);", want: []int{1}},
	})
	if r, ok := testCatalog.Lookup("table.no-duplicate-index"); !ok || r.ID != "index.no-duplicate-column" {
		t.Errorf("alias table.no-duplicate-index does not name index.no-duplicate-column")
	}
}

func TestBBIndexTotalNumberLimit(t *testing.T) {
	two := map[string]any{"number": 2}
	runRuleTests(t, "index.total-number-limit", []ruleTest{
		{name: "over the limit in one file", opts: two, sql: "CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int);\nCREATE INDEX ON t (b);\nCREATE INDEX ON t (a, b);", want: []int{3}},
		{name: "at the limit", opts: two, sql: "CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE INDEX ON t (a);"},
		{name: "history indexes count", opts: two, history: []string{"CREATE TABLE t (id int PRIMARY KEY, a int, b int);\nCREATE INDEX ON t (a);"},
			sql: "CREATE INDEX ON public.t (b);", want: []int{1}},
		{name: "history over the limit, file adds none", opts: two, history: []string{"CREATE TABLE t (id int PRIMARY KEY, a int, b int);\nCREATE INDEX ON t (a);\nCREATE INDEX ON t (b);"},
			sql: "ALTER TABLE t ADD COLUMN c int;"},
		{name: "dropping one keeps it under", opts: two, history: []string{"CREATE TABLE t (id int PRIMARY KEY, a int, b int);\nCREATE INDEX ia ON t (a);"},
			sql: "CREATE INDEX ib ON t (b);\nDROP INDEX ia;"},
		{name: "add constraint", opts: two, history: []string{"CREATE TABLE t (id int PRIMARY KEY, a int, b int);\nCREATE INDEX ON t (a);"},
			sql: "ALTER TABLE t ADD CONSTRAINT u UNIQUE (b);", want: []int{1}},
		{name: "search_path changed in the file", opts: two, sql: "CREATE SCHEMA s;\nSET search_path = s;\nCREATE TABLE t (id int PRIMARY KEY, a int, b int);\n" +
			"CREATE INDEX ON t (a);\nCREATE INDEX ON t (b);\nRESET search_path;", want: []int{5}},
		{name: "default limit", sql: "CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, d int, e int);\nCREATE INDEX ON t (a);\nCREATE INDEX ON t (b);\nCREATE INDEX ON t (c);\nCREATE INDEX ON t (d);\nCREATE INDEX ON t (e);", want: []int{6}},
	})
}

func TestBBPrimaryKeyTypeAllowlist(t *testing.T) {
	runRuleTests(t, "index.primary-key-type-allowlist", []ruleTest{
		{name: "text key", sql: "CREATE TABLE t (k text PRIMARY KEY);", want: []int{1}},
		{name: "int aliases", sql: "CREATE TABLE t (k int PRIMARY KEY);\nCREATE TABLE u (k int4 PRIMARY KEY);\nCREATE TABLE v (k int8 PRIMARY KEY);"},
		{name: "serial and bigserial", sql: "CREATE TABLE t (k serial PRIMARY KEY);\nCREATE TABLE u (k bigserial, PRIMARY KEY (k));"},
		{name: "serial counts as integer", opts: map[string]any{"list": []any{"INT"}}, sql: "CREATE TABLE t (k serial PRIMARY KEY);"},
		{name: "integer does not count as serial", opts: map[string]any{"list": []any{"SERIAL"}}, sql: "CREATE TABLE t (k integer PRIMARY KEY);", want: []int{1}},
		{name: "smallint not listed", sql: "CREATE TABLE t (k smallint PRIMARY KEY);", want: []int{1}},
		{name: "composite key, one bad column", sql: "CREATE TABLE t (a bigint, b uuid, PRIMARY KEY (a, b));", want: []int{1}},
		{name: "uuid allowed", opts: map[string]any{"list": []any{"UUID"}}, sql: "CREATE TABLE t (k uuid PRIMARY KEY);"},
		{name: "varchar with and without length", opts: map[string]any{"list": []any{"varchar"}}, sql: "CREATE TABLE t (k varchar(20) PRIMARY KEY);"},
		{name: "exact typmod", opts: map[string]any{"list": []any{"varchar(10)"}}, sql: "CREATE TABLE t (k varchar(20) PRIMARY KEY);", want: []int{1}},
		{name: "empty list allows nothing", opts: map[string]any{"list": []any{}}, sql: "CREATE TABLE t (k bigint PRIMARY KEY);", want: []int{1}},
		{name: "add primary key on history table", history: []string{"CREATE TABLE t (k text NOT NULL, s serial);"},
			sql: "ALTER TABLE t ADD PRIMARY KEY (k);\nALTER TABLE t DROP CONSTRAINT t_pkey;\nALTER TABLE t ADD PRIMARY KEY (s);", want: []int{1}},
		{name: "add column primary key", history: []string{"CREATE TABLE t (a int);"}, sql: "ALTER TABLE t ADD COLUMN id uuid PRIMARY KEY;", want: []int{1}},
		{name: "add column and key in one statement", history: []string{"CREATE TABLE t (a int);"}, sql: "ALTER TABLE t ADD COLUMN id bigint, ADD PRIMARY KEY (id);"},
		{name: "using index", history: []string{"CREATE TABLE t (k text NOT NULL);\nCREATE UNIQUE INDEX i ON t (k);"}, sql: "ALTER TABLE t ADD PRIMARY KEY USING INDEX i;", want: []int{1}},
		{name: "unknown column is skipped", sql: "ALTER TABLE unknown ADD PRIMARY KEY (k);"},
	})
}
