package rules

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

var psqlRunner = review.Options{Runner: review.RunnerPsql}

func TestDisallowedInTransaction(t *testing.T) {
	runRuleTests(t, "transaction.disallowed-in-transaction", []ruleTest{
		{name: "concurrently in explicit block", sql: "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;", want: []int{2}},
		{name: "concurrently in explicit block, psql", sql: "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;", want: []int{2}, review: psqlRunner},
		{name: "concurrently alone is not wrapped", sql: "CREATE INDEX CONCURRENTLY i ON t (a);\nSELECT 1;"},
		{name: "concurrently alone, psql", sql: "CREATE INDEX CONCURRENTLY i ON t (a);", review: psqlRunner},
		{name: "no-transaction directive", sql: "-- dbcd:no-transaction\nDROP INDEX CONCURRENTLY i;\nVACUUM t;"},
		{name: "after COMMIT", sql: "BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);"},
		{name: "in a second block", sql: "BEGIN;\nCOMMIT;\nSTART TRANSACTION;\nVACUUM t;\nEND;", want: []int{4}},
		{name: "after ROLLBACK", sql: "BEGIN;\nROLLBACK;\nREINDEX INDEX CONCURRENTLY i;"},
		{name: "reindex concurrently in block", sql: "BEGIN;\nREINDEX TABLE CONCURRENTLY t;\nCOMMIT;", want: []int{2}},
		{name: "detach concurrently in block", sql: "BEGIN;\nALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;\nCOMMIT;", want: []int{2}},
		{name: "create database in block", sql: "BEGIN;\nCREATE DATABASE x;\nCOMMIT;", want: []int{2}},
		{name: "alter system in block", sql: "BEGIN; ALTER SYSTEM SET work_mem = '64MB'; COMMIT;", want: []int{1}},
		{name: "add value wrapped before PG12", sql: "ALTER TYPE mood ADD VALUE 'meh';",
			want: []int{1}, review: review.Options{PGVersion: 11}},
		{name: "add value wrapped on PG15", sql: "ALTER TYPE mood ADD VALUE 'meh';"},
		{name: "add value autocommit before PG12", sql: "ALTER TYPE mood ADD VALUE 'meh';",
			review: review.Options{Runner: review.RunnerPsql, PGVersion: 11}},
		{name: "add value in block before PG12", sql: "BEGIN;\nALTER TYPE mood ADD VALUE 'meh';\nCOMMIT;",
			want: []int{2}, review: review.Options{Runner: review.RunnerPsql, PGVersion: 11}},
		{name: "add value to enum created in the same block before PG12",
			sql:    "BEGIN;\nCREATE TYPE mood AS ENUM ('ok');\nALTER TYPE mood ADD VALUE 'meh';\nCOMMIT;",
			review: review.Options{Runner: review.RunnerPsql, PGVersion: 11}},
		{name: "rename value is fine before PG12", sql: "ALTER TYPE mood RENAME VALUE 'a' TO 'b';", review: review.Options{PGVersion: 11}},
		{name: "plain index in block", sql: "BEGIN;\nCREATE INDEX i ON t (a);\nCOMMIT;"},
		{name: "after a DO block on one line", sql: "BEGIN; DO $$ BEGIN PERFORM 1; END $$; VACUUM t; COMMIT;", want: []int{1}},
		{name: "after COMMIT AND CHAIN", sql: "BEGIN;\nCOMMIT AND CHAIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;", want: []int{3}},
	})
}

func TestDisallowedInTransactionNamesTheOpener(t *testing.T) {
	fs := reviewCase(t, "transaction.disallowed-in-transaction", nil, psqlRunner,
		"BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;\nVACUUM t;\nCOMMIT;")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "follows the COMMIT AND CHAIN on line 3") {
		t.Fatalf("findings %v, want one that names the COMMIT AND CHAIN on line 3", fs)
	}
}

func TestTransactionUnclosed(t *testing.T) {
	runRuleTests(t, "transaction.unclosed", []ruleTest{
		{name: "begin without commit", sql: "SELECT 1;\nBEGIN;\nALTER TABLE t ADD c int;", want: []int{2}},
		{name: "begin without commit, psql", sql: "BEGIN;\nALTER TABLE t ADD c int;", want: []int{1}, review: psqlRunner},
		{name: "start transaction", sql: "START TRANSACTION;\nSELECT 1;", want: []int{1}},
		{name: "committed", sql: "BEGIN;\nALTER TABLE t ADD c int;\nCOMMIT;"},
		{name: "end", sql: "BEGIN;\nSELECT 1;\nEND;"},
		{name: "rolled back", sql: "BEGIN;\nSELECT 1;\nABORT;"},
		{name: "second block open", sql: "BEGIN;\nCOMMIT;\nBEGIN;\nSELECT 1;", want: []int{3}},
		{name: "nested begin reports the outer one", sql: "BEGIN;\nBEGIN;\nSELECT 1;", want: []int{1}},
		{name: "commit and chain leaves a block open", sql: "BEGIN;\nCOMMIT AND CHAIN;\nSELECT 1;", want: []int{1}},
		{name: "prepared", sql: "BEGIN;\nSELECT 1;\nPREPARE TRANSACTION 'x';"},
		{name: "no transaction control", sql: "ALTER TABLE t ADD c int;"},
		{name: "after nested comments", sql: "/* a /* b */ c */ SELECT 1;\n/* x\n/* y */\n*/ BEGIN;", want: []int{4}},
	})
}

func TestTransactionNesting(t *testing.T) {
	runRuleTests(t, "transaction.nesting", []ruleTest{
		{name: "begin while open", sql: "BEGIN;\nSELECT 1;\nBEGIN;\nCOMMIT;", want: []int{3}},
		{name: "begin while open, psql", sql: "BEGIN;\nBEGIN;\nCOMMIT;", want: []int{2}, review: psqlRunner},
		{name: "commit with none open", sql: "SELECT 1;\nCOMMIT;", want: []int{2}},
		{name: "rollback with none open, psql", sql: "ROLLBACK;", want: []int{1}, review: psqlRunner},
		{name: "second commit", sql: "BEGIN;\nCOMMIT;\nCOMMIT;", want: []int{3}},
		{name: "savepoint outside a block", sql: "SAVEPOINT a;", want: []int{1}},
		{name: "savepoint inside a block", sql: "BEGIN;\nSAVEPOINT a;\nROLLBACK TO SAVEPOINT a;\nRELEASE SAVEPOINT a;\nCOMMIT;"},
		{name: "plain block is fine under the dbcd runner", sql: "BEGIN;\nALTER TABLE t ADD c int;\nCOMMIT;"},
		{name: "plain block, psql", sql: "BEGIN;\nALTER TABLE t ADD c int;\nCOMMIT;", review: psqlRunner},
		{name: "two blocks", sql: "BEGIN;\nCOMMIT;\nBEGIN;\nROLLBACK;"},
		{name: "no-transaction file with a block", sql: "-- dbcd:no-transaction\nBEGIN;\nSELECT 1;\nCOMMIT;"},
		{name: "commit and chain then commit", sql: "BEGIN;\nCOMMIT AND CHAIN;\nCOMMIT;"},
		{name: "several on one line", sql: "SELECT 1; COMMIT; SELECT 2;\nBEGIN; BEGIN;\nCOMMIT;", want: []int{1, 2}},
	})
}
