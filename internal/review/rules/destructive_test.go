package rules

import "testing"

func TestTableDrop(t *testing.T) {
	runRuleTests(t, "table.drop", []ruleTest{
		{name: "existing", sql: "DROP TABLE orders;", want: []int{1}},
		{name: "if exists", sql: "DROP TABLE IF EXISTS orders;", want: []int{1}},
		{name: "created in the file", sql: "CREATE TABLE t (id int);\nDROP TABLE t;"},
		{name: "created and filled in the file", sql: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nDROP TABLE t;"},
		{name: "created by history", history: []string{"CREATE TABLE t (id int);"}, sql: "DROP TABLE t;", want: []int{1}},
		{name: "one of several is existing", sql: "CREATE TABLE t (id int);\nDROP TABLE t, orders;", want: []int{2}},
		{name: "qualified and quoted", sql: "CREATE TABLE app.\"Orders\" (id int);\nDROP TABLE app.\"Orders\";\nDROP TABLE app.orders;", want: []int{3}},
		{name: "unqualified resolves to public", sql: "CREATE TABLE public.t (id int);\nDROP TABLE t;"},
		{name: "other schema", sql: "CREATE TABLE t (id int);\nDROP TABLE other.t;", want: []int{2}},
		{name: "view is not a table", sql: "DROP VIEW v;"},
		{name: "after a function body", sql: "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN\n  RETURN 1; -- ;\nEND\n$body$;\nDROP TABLE orders;", want: []int{6}},
		{name: "after a DO block", sql: "DO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;\n\n  DROP TABLE orders;", want: []int{7}},
		{name: "after nested comments", sql: "/* one /* two\n*/ still\n*/\nDROP TABLE orders;", want: []int{4}},
		{name: "several on one line", sql: "SELECT 1; DROP TABLE a; SELECT 2;\nSELECT 3; DROP TABLE b;", want: []int{1, 2}},
		{name: "multi-byte identifiers", sql: "CREATE TABLE \"données\" (id int);\nDROP TABLE \"données\";\nDROP TABLE \"café_été\";", want: []int{3}},
	})
}

func TestColumnDrop(t *testing.T) {
	runRuleTests(t, "column.drop", []ruleTest{
		{name: "existing", sql: "ALTER TABLE orders DROP COLUMN note;", want: []int{1}},
		{name: "history", history: []string{"CREATE TABLE t (id int, note text);"}, sql: "ALTER TABLE t DROP COLUMN note;", want: []int{1}},
		{name: "if exists of a missing column", history: []string{"CREATE TABLE t (id int);"}, sql: "ALTER TABLE t DROP COLUMN IF EXISTS note;"},
		{name: "if exists of a present column", history: []string{"CREATE TABLE t (id int, note text);"}, sql: "ALTER TABLE IF EXISTS t DROP COLUMN IF EXISTS note;", want: []int{1}},
		{name: "table created in the file", sql: "CREATE TABLE t (id int, note text);\nALTER TABLE t DROP COLUMN note;"},
		{name: "column added in the file", sql: "ALTER TABLE orders ADD COLUMN tmp int;\nALTER TABLE orders DROP COLUMN tmp;"},
		{name: "column added to another table", sql: "ALTER TABLE items ADD COLUMN tmp int;\nALTER TABLE orders DROP COLUMN tmp;", want: []int{2}},
		{name: "quoted and qualified", sql: "ALTER TABLE \"Sales\".\"Orders\" DROP COLUMN \"Note\";", want: []int{1}},
		{name: "among other subcommands", sql: "ALTER TABLE orders ADD COLUMN a int, DROP COLUMN b;", want: []int{1}},
		{name: "drop constraint is not a column", sql: "ALTER TABLE orders DROP CONSTRAINT c;"},
	})
}

func TestSchemaDrop(t *testing.T) {
	runRuleTests(t, "schema.drop", []ruleTest{
		{name: "existing", sql: "DROP SCHEMA reporting;", want: []int{1}},
		{name: "cascade if exists", sql: "DROP SCHEMA IF EXISTS reporting CASCADE;", want: []int{1}},
		{name: "created in the file", sql: "CREATE SCHEMA scratch;\nDROP SCHEMA scratch;"},
		{name: "created by history", history: []string{"CREATE SCHEMA scratch;"}, sql: "DROP SCHEMA scratch;", want: []int{1}},
		{name: "quoted", sql: "CREATE SCHEMA \"Scratch\";\nDROP SCHEMA \"Scratch\", scratch;", want: []int{2}},
		{name: "created then renamed in the file", sql: "CREATE SCHEMA a;\nALTER SCHEMA a RENAME TO b;\nDROP SCHEMA b;"},
		{name: "old name after a rename", sql: "CREATE SCHEMA a;\nALTER SCHEMA a RENAME TO b;\nDROP SCHEMA IF EXISTS a;", want: []int{3}},
		{name: "existing renamed to a dropped name", sql: "CREATE SCHEMA a;\nDROP SCHEMA a;\nALTER SCHEMA old RENAME TO a;\nDROP SCHEMA a;", want: []int{4}},
	})
}

func TestDatabaseDrop(t *testing.T) {
	runRuleTests(t, "database.drop", []ruleTest{
		{name: "drop", sql: "DROP DATABASE old;", want: []int{1}},
		{name: "if exists", sql: "SELECT 1;\nDROP DATABASE IF EXISTS \"Old\" WITH (FORCE);", want: []int{2}},
		{name: "create", sql: "CREATE DATABASE analytics;"},
		{name: "drop schema is another rule", sql: "DROP SCHEMA s;"},
	})
}

func TestTableTruncate(t *testing.T) {
	runRuleTests(t, "table.truncate", []ruleTest{
		{name: "existing", sql: "TRUNCATE audit_log;", want: []int{1}},
		{name: "table keyword and options", sql: "TRUNCATE TABLE ONLY audit_log RESTART IDENTITY;", want: []int{1}},
		{name: "created in the file", sql: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nTRUNCATE t;"},
		{name: "history", history: []string{"CREATE TABLE t (id int);"}, sql: "TRUNCATE t;", want: []int{1}},
		{name: "one of several", sql: "CREATE TABLE t (id int);\nTRUNCATE t, \"Audit\".log;", want: []int{2}},
		{name: "delete is not truncate", sql: "DELETE FROM audit_log WHERE id < 10;"},
	})
}

func TestStatementCascade(t *testing.T) {
	runRuleTests(t, "statement.cascade", []ruleTest{
		{name: "drop table cascade", sql: "DROP TABLE t CASCADE;", want: []int{1}},
		{name: "drop type cascade", sql: "DROP TYPE IF EXISTS mood CASCADE;", want: []int{1}},
		{name: "truncate cascade", sql: "TRUNCATE t CASCADE;", want: []int{1}},
		{name: "drop column cascade", sql: "ALTER TABLE t DROP COLUMN c CASCADE;", want: []int{1}},
		{name: "drop constraint cascade", sql: "ALTER TABLE t DROP CONSTRAINT t_pkey CASCADE;", want: []int{1}},
		{name: "drop owned cascade", sql: "DROP OWNED BY app CASCADE;", want: []int{1}},
		{name: "restrict", sql: "DROP TABLE t RESTRICT;\nTRUNCATE t;\nALTER TABLE t DROP COLUMN c;"},
		{name: "created in the file still flagged", sql: "CREATE TABLE t (id int);\nDROP TABLE t CASCADE;", want: []int{2}},
	})
}

func TestUpdateDeleteWithoutWhere(t *testing.T) {
	runRuleTests(t, "statement.update-delete-without-where", []ruleTest{
		{name: "update", sql: "UPDATE orders SET note = '';", want: []int{1}},
		{name: "delete", sql: "DELETE FROM orders;", want: []int{1}},
		{name: "update from", sql: "UPDATE orders o SET note = c.name FROM customers c;", want: []int{1}},
		{name: "with where", sql: "UPDATE orders SET note = '' WHERE id = 1;\nDELETE FROM orders WHERE id = 2;"},
		{name: "current of", sql: "DELETE FROM orders WHERE CURRENT OF cur;"},
		{name: "in a WITH query", sql: "WITH d AS (DELETE FROM orders RETURNING id)\nSELECT count(*) FROM d;", want: []int{1}},
		{name: "in a WITH query of an insert", sql: "WITH d AS (DELETE FROM orders WHERE id < 5 RETURNING *)\nINSERT INTO archive SELECT * FROM d;"},
		{name: "new table still flagged", sql: "CREATE TABLE t (a int);\nUPDATE t SET a = 1;", want: []int{2}},
		{name: "in a function body", sql: "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DELETE FROM orders $$;"},
	})
}
