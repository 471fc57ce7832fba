package rules

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestBBDisallowCommit(t *testing.T) {
	runRuleTests(t, "statement.disallow-commit", []ruleTest{
		{name: "commit", sql: "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;", want: []int{3}},
		{name: "end", sql: "BEGIN; CREATE TABLE t (id int); END;", want: []int{1}},
		{name: "psql runner", review: review.Options{Runner: review.RunnerPsql}, sql: "BEGIN;\nCOMMIT;", want: []int{2}},
		{name: "rollback is fine", sql: "BEGIN;\nROLLBACK;"},
		{name: "no transaction control", sql: "CREATE TABLE t (id int);"},
	})
}

func TestBBDisallowAddColumnWithDefault(t *testing.T) {
	hist := []string{"CREATE TABLE t (id int);"}
	runRuleTests(t, "statement.disallow-add-column-with-default", []ruleTest{
		{name: "constant default", history: hist, sql: "ALTER TABLE t ADD COLUMN c int DEFAULT 0;", want: []int{1}},
		{name: "not null default", history: hist, sql: "ALTER TABLE public.t ADD COLUMN IF NOT EXISTS c text NOT NULL DEFAULT '';", want: []int{1}},
		{name: "two columns", history: hist, sql: "ALTER TABLE t ADD COLUMN a int DEFAULT 1,\n  ADD COLUMN b int DEFAULT 2;", want: []int{1, 1}},
		{name: "no default", history: hist, sql: "ALTER TABLE t ADD COLUMN c int;"},
		{name: "set default later", history: hist, sql: "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t ALTER COLUMN c SET DEFAULT 0;"},
		{name: "create table default", sql: "CREATE TABLE u (c int DEFAULT 0);"},
	})
}

func TestBBCheckSetRoleVariable(t *testing.T) {
	runRuleTests(t, "statement.check-set-role-variable", []ruleTest{
		{name: "no set role", sql: "\n-- comment\nCREATE TABLE t (id int);", want: []int{3}},
		{name: "set role first", sql: "SET ROLE owner;\nCREATE TABLE t (id int);"},
		{name: "after other sets", sql: "SET lock_timeout = '1s';\nSET ROLE owner;\nCREATE TABLE t (id int);"},
		{name: "set role too late", sql: "SET lock_timeout = '1s';\nCREATE TABLE t (id int);\nSET ROLE owner;", want: []int{1}},
		{name: "reset role does not count", sql: "RESET ROLE;\nCREATE TABLE t (id int);", want: []int{1}},
		{name: "set local role", sql: "BEGIN;\nSET LOCAL ROLE owner;", want: []int{1}},
		{name: "only sets", sql: "SET search_path = app;\nSET ROLE owner;"},
		{name: "empty file", sql: "-- nothing\n"},
	})
}

func TestBBNonTransactional(t *testing.T) {
	runRuleTests(t, "statement.non-transactional", []ruleTest{
		{name: "create index concurrently", sql: "CREATE INDEX CONCURRENTLY i ON t (a);", want: []int{1}},
		{name: "drop index concurrently", sql: "DROP INDEX CONCURRENTLY IF EXISTS i;", want: []int{1}},
		{name: "vacuum and create database", sql: "VACUUM t;\nCREATE DATABASE d;", want: []int{1, 2}},
		{name: "psql runner flags too", review: review.Options{Runner: review.RunnerPsql}, sql: "REINDEX INDEX CONCURRENTLY i;", want: []int{1}},
		{name: "plain create index", sql: "CREATE INDEX i ON t (a);"},
		{name: "analyze", sql: "ANALYZE t;"},
	})
}

// The statement quoted in a message leaves out a comment that ends the
// statement's first line, but not -- inside a string.
func TestBBSummaryCutsTrailingComment(t *testing.T) {
	fs := reviewCase(t, "statement.non-transactional", nil, review.Options{},
		"CREATE INDEX CONCURRENTLY -- the big one\n  orders_idx ON orders (customer_id);\n"+
			"VACUUM /* weekly */ orders;\n"+
			"CREATE INDEX CONCURRENTLY \"a--b\" ON orders ((note || '--')); -- trailing\n")
	want := []string{"CREATE INDEX CONCURRENTLY cannot", "VACUUM cannot", "CREATE INDEX CONCURRENTLY \"a--b\" ON orders ((note || '--')) cannot"}
	if len(fs) != len(want) {
		t.Fatalf("got %d findings, want %d: %v", len(fs), len(want), fs)
	}
	for i, f := range fs {
		if !strings.HasPrefix(f.Message, want[i]) {
			t.Errorf("message %q, want it to start with %q", f.Message, want[i])
		}
	}
}
