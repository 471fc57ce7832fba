package rules

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestTableRequirePrimaryKey(t *testing.T) {
	runRuleTests(t, "table.require-primary-key", []ruleTest{
		{name: "no primary key", sql: "CREATE TABLE t (a int);", want: []int{1}},
		{name: "inline primary key", sql: "CREATE TABLE t (a int PRIMARY KEY);"},
		{name: "table primary key", sql: "CREATE TABLE IF NOT EXISTS public.t (a int, b int, CONSTRAINT t_pk PRIMARY KEY (a, b));"},
		{name: "added later in the file", sql: "CREATE TABLE t (a int NOT NULL);\nCREATE INDEX ON t (a);\nALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (a);"},
		{name: "added by USING INDEX later", sql: "CREATE TABLE t (a int NOT NULL);\nCREATE UNIQUE INDEX t_a ON t (a);\nALTER TABLE t ADD PRIMARY KEY USING INDEX t_a;"},
		{name: "unique is not a primary key", sql: "CREATE TABLE t (a int UNIQUE NOT NULL);", want: []int{1}},
		{name: "quoted and schema-qualified", sql: `CREATE TABLE "App"."Log" ("At" timestamptz);`, want: []int{1}},
		{name: "create table as", sql: "CREATE TABLE t2 AS SELECT 1 AS a;", want: []int{1}},
		{name: "select into", sql: "SELECT 1 AS a INTO t2;", want: []int{1}},
		{name: "select into a temporary table", sql: "SELECT 1 AS a INTO TEMP scratch;"},
		{name: "select into, key added later", sql: "SELECT 1 AS a INTO t2;\nALTER TABLE t2 ADD PRIMARY KEY (a);"},
		{name: "temporary table", sql: "CREATE TEMP TABLE scratch (a int);"},
		{name: "partition inherits", history: []string{"CREATE TABLE p (a int PRIMARY KEY) PARTITION BY RANGE (a);"}, sql: "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (10);"},
		{name: "dropped later in the file", sql: "CREATE TABLE t (a int);\nDROP TABLE t;"},
		{name: "drop primary key of an existing table", history: []string{"CREATE TABLE t (a int PRIMARY KEY);"}, sql: "ALTER TABLE t DROP CONSTRAINT t_pkey;", want: []int{1}},
		{name: "drop and re-add primary key", history: []string{"CREATE TABLE t (a int PRIMARY KEY, b int NOT NULL);"}, sql: "ALTER TABLE t DROP CONSTRAINT t_pkey;\nALTER TABLE t ADD PRIMARY KEY (b);"},
		{name: "drop other constraint", history: []string{"CREATE TABLE t (a int PRIMARY KEY, b int CHECK (b > 0));"}, sql: "ALTER TABLE t DROP CONSTRAINT IF EXISTS t_b_check;"},
		{name: "position", sql: positionPrelude + "CREATE TABLE t (a int);", want: []int{14}},
		{name: "one line", sql: "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int);", want: []int{1}},
	})
	if r, ok := testCatalog.Lookup("TABLE_REQUIRE_PK"); !ok || r.ID != "table.require-primary-key" {
		t.Error("TABLE_REQUIRE_PK is not an alias of table.require-primary-key")
	}
}

func TestColumnRequiredColumns(t *testing.T) {
	list := map[string]any{"list": []any{"id", "created_ts"}}
	runRuleTests(t, "column.required-columns", []ruleTest{
		{name: "default list", sql: "CREATE TABLE t (id bigint PRIMARY KEY);", want: []int{1}},
		{name: "default list complete", sql: "CREATE TABLE t (id bigint PRIMARY KEY, created_at timestamptz, updated_at timestamptz);"},
		{name: "custom list", opts: list, sql: "CREATE TABLE t (id bigint PRIMARY KEY);", want: []int{1}},
		{name: "custom list complete", opts: list, sql: "CREATE TABLE t (id bigint PRIMARY KEY, created_ts timestamptz);"},
		{name: "added later in the file", opts: list, sql: "CREATE TABLE t (id bigint PRIMARY KEY);\nALTER TABLE t ADD COLUMN created_ts timestamptz;"},
		{name: "quoted names are exact", opts: list, sql: `CREATE TABLE t ("ID" bigint, created_ts timestamptz);`, want: []int{1}},
		{name: "drop required column of existing table", opts: list, history: []string{"CREATE TABLE t (id bigint, created_ts timestamptz);"}, sql: "ALTER TABLE t DROP COLUMN IF EXISTS created_ts;", want: []int{1}},
		{name: "drop other column", opts: list, history: []string{"CREATE TABLE t (id bigint, created_ts timestamptz, x int);"}, sql: "ALTER TABLE t DROP COLUMN x;"},
		{name: "rename required column", opts: list, history: []string{"CREATE TABLE t (id bigint, created_ts timestamptz);"}, sql: "ALTER TABLE public.t RENAME COLUMN id TO t_id;", want: []int{1}},
		{name: "empty list", opts: map[string]any{"list": []any{}}, sql: "CREATE TABLE t (a int);"},
		{name: "select into", opts: list, sql: "SELECT 1::bigint AS id INTO t;", want: []int{1}},
		{name: "select into complete", opts: list, sql: "SELECT 1::bigint AS id, now() AS created_ts INTO t;"},
		{name: "position", opts: list, sql: positionPrelude + "CREATE TABLE t (a int);", want: []int{14}},
	})
	got := reviewCase(t, "COLUMN_REQUIRED", list, review.Options{}, "CREATE TABLE public.t (a int);")
	if len(got) != 1 || got[0].Message != `table "public"."t" lacks the required columns "id", "created_ts"` {
		t.Errorf("got %+v", got)
	}
}

func TestTableRequireSchema(t *testing.T) {
	runRuleTests(t, "table.require-schema", []ruleTest{
		{name: "create table", sql: "CREATE TABLE t (a int);", want: []int{1}},
		{name: "qualified", sql: "CREATE TABLE public.t (a int);\nCREATE INDEX t_a ON public.t (a);\nALTER TABLE IF EXISTS public.t ADD COLUMN b int;\nDROP TABLE IF EXISTS public.t;"},
		{name: "quoted qualified", sql: `CREATE TABLE "App"."T" ("A" int);`},
		{name: "foreign key target", sql: "CREATE TABLE public.o (c bigint REFERENCES customers (id));", want: []int{1}},
		{name: "index on unqualified table", sql: "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);", want: []int{1}},
		{name: "drop table list", sql: "DROP TABLE IF EXISTS public.a, b;", want: []int{1}},
		{name: "dml and cte", sql: "WITH x AS (SELECT 1 AS a) INSERT INTO public.t SELECT a FROM x;"},
		{name: "update unqualified", sql: "UPDATE t SET a = 1 WHERE a = 2;", want: []int{1}},
		{name: "types and functions", sql: "CREATE TYPE mood AS ENUM ('a');\nCREATE DOMAIN email AS text;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nALTER TYPE public.mood ADD VALUE 'b';", want: []int{1, 2, 3}},
		{name: "temporary table", sql: "CREATE TEMP TABLE scratch (a int);\nINSERT INTO scratch VALUES (1);"},
		{name: "one finding per name", sql: "INSERT INTO t SELECT * FROM t;", want: []int{1}},
		{name: "position", sql: positionPrelude + "ALTER TABLE t ADD COLUMN b int;", want: []int{14}},
	})
	for _, alias := range []string{"statement.create-specify-schema", "STATEMENT_CREATE_SPECIFY_SCHEMA", "naming.fully-qualified", "NAMING_FULLY_QUALIFIED"} {
		if r, ok := testCatalog.Lookup(alias); !ok || r.ID != "table.require-schema" {
			t.Errorf("%s is not an alias of table.require-schema", alias)
		}
	}
	got := reviewCase(t, "table.require-schema", nil, review.Options{}, "CREATE TABLE employee (id int);")
	if len(got) != 1 || !strings.Contains(got[0].Message, `table "employee" is not schema-qualified`) || !strings.Contains(got[0].Message, `"public"."employee"`) {
		t.Errorf("got %+v", got)
	}
}
