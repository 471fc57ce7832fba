package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestStatementMergeAlterTable(t *testing.T) {
	runRuleTests(t, "statement.merge-alter-table", []ruleTest{
		{name: "two alters", sql: "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;", want: []int{2}},
		{name: "three alters", sql: "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\nALTER TABLE t ADD COLUMN c int;", want: []int{2, 3}},
		{name: "one alter with two subcommands", sql: "ALTER TABLE t ADD COLUMN a int, ADD COLUMN b int;"},
		{name: "different tables", sql: "ALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN x int;"},
		{name: "same table, qualified and not", sql: "ALTER TABLE public.t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;", want: []int{2}},
		{name: "quoted names differ", sql: `ALTER TABLE "T" ADD COLUMN a int;` + "\nALTER TABLE t ADD COLUMN b int;"},
		{name: "backfill in between", sql: "ALTER TABLE t ADD COLUMN a int;\nUPDATE t SET a = 1;\nALTER TABLE t ALTER COLUMN a SET NOT NULL;"},
		{name: "not valid then validate", sql: "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;"},
		{name: "commit in between", review: review.Options{Runner: review.RunnerPsql}, sql: "BEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\nBEGIN;\nALTER TABLE t ADD COLUMN b int;\nCOMMIT;"},
		{name: "create table then alter", sql: "CREATE TABLE t (a int);\nCREATE INDEX ON t (a);\nALTER TABLE t ADD COLUMN b int;", want: []int{3}},
		{name: "create table then foreign key", sql: "CREATE TABLE a (id int PRIMARY KEY, b_id int);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\nALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);"},
		{name: "create table then owner", sql: "CREATE TABLE t (a int);\nALTER TABLE t OWNER TO app;\nALTER TABLE t ENABLE ROW LEVEL SECURITY;", want: []int{3}},
		{name: "create table then set not null and default", sql: "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN a SET DEFAULT 0;", want: []int{2}},
		{name: "rename in between", sql: "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t RENAME TO u;\nALTER TABLE u ADD COLUMN b int;"},
		{name: "attach partition", sql: "ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (1) TO (2);\nALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (2) TO (3);"},
		{name: "if exists variants", sql: "ALTER TABLE IF EXISTS t ADD COLUMN IF NOT EXISTS a int;\nALTER TABLE IF EXISTS t DROP COLUMN IF EXISTS b;", want: []int{2}},
		{name: "position", sql: positionPrelude + "ALTER TABLE t ADD COLUMN a int; ALTER TABLE t ADD COLUMN b int;", want: []int{14}},
	})
	got := reviewCase(t, "STATEMENT_MERGE_ALTER_TABLE", nil, review.Options{}, "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;")
	if len(got) != 1 || got[0].Message != `ALTER TABLE on "public"."t" could be merged into the ALTER TABLE at line 1: one statement takes the lock and scans or rewrites the table once` {
		t.Errorf("got %+v", got)
	}
}

func TestStatementPreferRobust(t *testing.T) {
	psql := review.Options{Runner: review.RunnerPsql}
	runRuleTests(t, "statement.prefer-robust", []ruleTest{
		{name: "wrapped file is exempt", sql: "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);"},
		{name: "concurrent index", sql: "CREATE INDEX CONCURRENTLY i ON public.t (a);", want: []int{1}},
		{name: "concurrent index if not exists", sql: "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON public.t (a);"},
		{name: "unnamed index", sql: "CREATE INDEX CONCURRENTLY ON public.t (a);", want: []int{1}},
		{name: "drop index concurrently", sql: "DROP INDEX CONCURRENTLY public.i;", want: []int{1}},
		{name: "drop index concurrently if exists", sql: "DROP INDEX CONCURRENTLY IF EXISTS public.i;"},
		{name: "no-transaction directive", sql: "-- dbcd:no-transaction\nCREATE TABLE t (a int);\nCREATE TABLE IF NOT EXISTS u (a int);", want: []int{2}},
		{name: "psql runner", review: psql, sql: "CREATE TABLE IF NOT EXISTS t (a int);\nALTER TABLE t ADD COLUMN b int;\nALTER TABLE t ADD COLUMN IF NOT EXISTS c int, DROP COLUMN IF EXISTS d;\nDROP TABLE u;", want: []int{2, 4}},
		{name: "psql runner inside BEGIN", review: psql, sql: "BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\nCREATE TABLE u (a int);", want: []int{4}},
		{name: "add constraint", review: psql, sql: "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);", want: []int{1}},
		{name: "add constraint after drop if exists", review: psql, sql: "ALTER TABLE t DROP CONSTRAINT IF EXISTS c;\nALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0);"},
		{name: "views and functions", review: psql, sql: "CREATE VIEW v AS SELECT 1;\nCREATE OR REPLACE VIEW w AS SELECT 1;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 1';", want: []int{1, 3}},
		{name: "schema, sequence, extension", review: psql, sql: "CREATE SCHEMA app;\nCREATE SCHEMA IF NOT EXISTS app2;\nCREATE SEQUENCE s;\nCREATE EXTENSION IF NOT EXISTS pgcrypto;", want: []int{1, 3}},
		{name: "position", review: psql, sql: positionPrelude + "CREATE TABLE t (a int);", want: []int{1, 14}},
	})
}

func TestStatementMixDDLDML(t *testing.T) {
	runRuleTests(t, "statement.mix-ddl-dml", []ruleTest{
		{name: "backfill after alter", sql: "ALTER TABLE t ADD COLUMN a int;\nUPDATE t SET a = 1;", want: []int{2}},
		{name: "data change before ddl", sql: "DELETE FROM t WHERE a = 1;\nALTER TABLE t DROP COLUMN a;", want: []int{1}},
		{name: "dml only", sql: "UPDATE t SET a = 1 WHERE a IS NULL;\nINSERT INTO t (a) VALUES (1);"},
		{name: "ddl only", sql: "ALTER TABLE t ADD COLUMN a int;\nCREATE INDEX ON t (a);"},
		{name: "seed rows of a new table", sql: "CREATE TABLE public.kind (name text PRIMARY KEY);\nINSERT INTO kind VALUES ('a');"},
		{name: "insert into an existing table", history: []string{"CREATE TABLE public.kind (name text PRIMARY KEY);"}, sql: "ALTER TABLE kind ADD COLUMN x int;\nINSERT INTO public.kind VALUES ('a');", want: []int{2}},
		{name: "select and set_config are not data changes", sql: "SELECT set_config('lock_timeout', '1s', false);\nALTER TABLE t ADD COLUMN a int;\nSELECT setval('s', 1);"},
		{name: "truncate and copy", sql: "CREATE INDEX ON t (a);\nTRUNCATE u;\nCOPY t FROM '/tmp/x.csv';", want: []int{2, 3}},
		{name: "position", sql: positionPrelude + "UPDATE t SET a = 1;", want: []int{14}},
	})
}
