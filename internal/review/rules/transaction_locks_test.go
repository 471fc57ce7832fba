package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestValidateSameTransaction(t *testing.T) {
	const (
		add      = "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;"
		validate = "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;"
	)
	runRuleTests(t, "constraint.validate-same-transaction", []ruleTest{
		{name: "wrapped file", sql: add + "\n" + validate, want: []int{2}},
		{name: "autocommit with psql", sql: add + "\n" + validate, review: psqlRunner},
		{name: "autocommit in a no-transaction file", sql: "-- dbcd:no-transaction\n" + add + "\n" + validate},
		{name: "explicit block with psql", sql: "BEGIN;\n" + add + "\n" + validate + "\nCOMMIT;", want: []int{3}, review: psqlRunner},
		{name: "separate blocks", sql: "BEGIN;\n" + add + "\nCOMMIT;\nBEGIN;\n" + validate + "\nCOMMIT;", review: psqlRunner},
		{name: "separate files", history: []string{add}, sql: validate},
		{name: "same statement", sql: "ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID, VALIDATE CONSTRAINT c;",
			want: []int{1}, review: psqlRunner},
		{name: "unnamed foreign key", sql: "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;\n" +
			"ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;", want: []int{2}},
		{name: "after another strong lock on the table", history: []string{add},
			sql: "ALTER TABLE orders ADD COLUMN note text;\n" + validate, want: []int{2}},
		{name: "after a lock on another table", history: []string{add},
			sql: "ALTER TABLE customers ADD COLUMN note text;\n" + validate},
		{name: "after a weak lock", history: []string{add},
			sql: "ANALYZE orders;\nUPDATE orders SET total = 0 WHERE total IS NULL;\n" + validate},
		{name: "table created in the file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n" +
			"ALTER TABLE t VALIDATE CONSTRAINT c;"},
		{name: "quoted qualified names", sql: "ALTER TABLE \"Shop\".\"Orders\" ADD CONSTRAINT \"Pos\" CHECK (a > 0) NOT VALID;\n" +
			"ALTER TABLE \"Shop\".\"Orders\" VALIDATE CONSTRAINT \"Pos\";\nALTER TABLE shop.orders VALIDATE CONSTRAINT pos;", want: []int{2}},
	})
}

func TestStatementAfterAccessExclusive(t *testing.T) {
	const alter = "ALTER TABLE orders ADD COLUMN note text;"
	runRuleTests(t, "transaction.statement-after-access-exclusive", []ruleTest{
		{name: "wrapped file", sql: alter + "\nUPDATE orders SET note = '' WHERE id = 1;\nSELECT 1;", want: []int{2}},
		{name: "psql autocommit", sql: alter + "\nUPDATE orders SET note = '' WHERE id = 1;", review: psqlRunner},
		{name: "psql explicit block", sql: "BEGIN;\n" + alter + "\nSELECT 1;\nCOMMIT;", want: []int{3}, review: psqlRunner},
		{name: "psql block ends before", sql: "BEGIN;\n" + alter + "\nCOMMIT;\nSELECT 1;", review: psqlRunner},
		{name: "only SET and COMMIT after", sql: "BEGIN;\n" + alter + "\nRESET lock_timeout;\nCOMMIT;", review: psqlRunner},
		{name: "alone", sql: alter},
		{name: "second table", sql: alter + "\nALTER TABLE customers ADD COLUMN note text;", want: []int{2}},
		{name: "second and third table", sql: alter + "\nALTER TABLE customers ADD COLUMN note text;\nALTER TABLE items ADD x int;\nSELECT 1;", want: []int{2, 3}},
		{name: "statements before are fine", sql: "SELECT 1;\nCREATE TABLE t (id int);\n" + alter},
		{name: "weaker lock first", sql: "CREATE INDEX i ON orders (a);\n" + alter},
		{name: "new table", sql: "CREATE TABLE t (id int);\nALTER TABLE t ADD note text;\nALTER TABLE t ADD tag text;"},
		{name: "new table filled", sql: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nALTER TABLE t ADD note text;\nSELECT 1;", want: []int{4}},
		{name: "history table", history: []string{"CREATE TABLE t (id int);"}, sql: "ALTER TABLE t ADD note text;\nALTER TABLE t ADD tag text;", want: []int{2}},
		{name: "no-transaction file", sql: "-- dbcd:no-transaction\n" + alter + "\nSELECT 1;"},
		{name: "commit and chain releases the locks", sql: "BEGIN;\n" + alter + "\nCOMMIT AND CHAIN;\nSELECT 1;\nCOMMIT;", review: psqlRunner},
		{name: "chained transaction counts anew", sql: "BEGIN;\n" + alter + "\nCOMMIT AND CHAIN;\n" + alter + "\nSELECT 1;\nCOMMIT;", want: []int{5}, review: psqlRunner},
		{name: "after a DO block and nested comment", sql: "DO $$ BEGIN PERFORM 1; END $$;\n/* a /* b */ */ " + alter + " /* c */ SELECT 1;",
			want: []int{2}},
	})
}

func TestEnumValueUsedBeforeCommit(t *testing.T) {
	const add = "ALTER TYPE mood ADD VALUE 'meh';"
	runRuleTests(t, "transaction.enum-value-used-before-commit", []ruleTest{
		{name: "wrapped file", sql: add + "\nUPDATE people SET m = 'meh' WHERE id = 1;", want: []int{2}},
		{name: "cast", sql: add + "\nSELECT 'meh'::mood;", want: []int{2}},
		{name: "default", sql: add + "\nALTER TABLE people ALTER COLUMN m SET DEFAULT 'meh';", want: []int{2}},
		{name: "psql autocommit", sql: add + "\nUPDATE people SET m = 'meh' WHERE id = 1;", review: psqlRunner},
		{name: "psql explicit block", sql: "BEGIN;\n" + add + "\nINSERT INTO people (m) VALUES ('meh');\nCOMMIT;", want: []int{3}, review: psqlRunner},
		{name: "psql after commit", sql: "BEGIN;\n" + add + "\nCOMMIT;\nINSERT INTO people (m) VALUES ('meh');", review: psqlRunner},
		{name: "other label", sql: add + "\nUPDATE people SET m = 'happy' WHERE id = 1;"},
		{name: "label in a comment or identifier", sql: add + "\n-- 'meh'\nSELECT meh FROM people;"},
		{name: "enum created in the same transaction", sql: "CREATE TYPE mood AS ENUM ('ok');\n" + add + "\nSELECT 'meh'::mood;"},
		{name: "enum from history", history: []string{"CREATE TYPE mood AS ENUM ('ok');"}, sql: add + "\nSELECT 'meh'::mood;", want: []int{2}},
		{name: "already there", history: []string{"CREATE TYPE mood AS ENUM ('ok', 'meh');"},
			sql: "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';\nSELECT 'meh'::mood;"},
		{name: "qualified quoted type", sql: "ALTER TYPE app.\"Mood\" ADD VALUE 'Meh';\nSELECT 'Meh'::app.\"Mood\";", want: []int{2}},
		{name: "before PG12", sql: add + "\nSELECT 'meh'::mood;", review: review.Options{PGVersion: 11}},
		{name: "several on one line", sql: add + " SELECT 1; SELECT 'meh';", want: []int{1}},
	})
}
