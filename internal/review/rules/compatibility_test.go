package rules

import "testing"

func TestColumnAddRequired(t *testing.T) {
	runRuleTests(t, "column.add-required", []ruleTest{
		{name: "not null without default", sql: "ALTER TABLE orders ADD COLUMN region text NOT NULL;", want: []int{1}},
		{name: "with default", sql: "ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';"},
		{name: "default null", sql: "ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT NULL;", want: []int{1}},
		{name: "nullable", sql: "ALTER TABLE orders ADD COLUMN region text;"},
		{name: "identity", sql: "ALTER TABLE orders ADD COLUMN n bigint NOT NULL GENERATED ALWAYS AS IDENTITY;"},
		{name: "generated", sql: "ALTER TABLE orders ADD COLUMN n int NOT NULL GENERATED ALWAYS AS (a + 1) STORED;"},
		{name: "serial", sql: "ALTER TABLE orders ADD COLUMN n bigserial NOT NULL;"},
		{name: "primary key", sql: "ALTER TABLE orders ADD COLUMN id2 int PRIMARY KEY;", want: []int{1}},
		{name: "table created in the file", sql: "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN region text NOT NULL;"},
		{name: "table created and filled", sql: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nALTER TABLE t ADD COLUMN region text NOT NULL;", want: []int{3}},
		{name: "history", history: []string{"CREATE TABLE t (id int);"}, sql: "ALTER TABLE t ADD COLUMN IF NOT EXISTS region text NOT NULL;", want: []int{1}},
		{name: "not null domain", history: []string{"CREATE DOMAIN code AS text NOT NULL;"}, sql: "ALTER TABLE orders ADD COLUMN c code;", want: []int{1}},
		{name: "domain with default", history: []string{"CREATE DOMAIN code AS text NOT NULL DEFAULT 'x';"}, sql: "ALTER TABLE orders ADD COLUMN c code NOT NULL;"},
		{name: "quoted qualified", sql: "ALTER TABLE \"Sales\".\"Orders\" ADD COLUMN \"Région\" text NOT NULL;", want: []int{1}},
		{name: "second subcommand", sql: "ALTER TABLE orders ADD COLUMN a int,\n  ADD COLUMN b int NOT NULL;", want: []int{1}},
	})
}

func TestColumnRename(t *testing.T) {
	runRuleTests(t, "column.rename", []ruleTest{
		{name: "existing", sql: "ALTER TABLE orders RENAME COLUMN note TO remark;", want: []int{1}},
		{name: "without COLUMN keyword", sql: "ALTER TABLE orders RENAME note TO remark;", want: []int{1}},
		{name: "history", history: []string{"CREATE TABLE t (a int);"}, sql: "ALTER TABLE t RENAME a TO b;", want: []int{1}},
		{name: "table created in the file", sql: "CREATE TABLE t (a int);\nALTER TABLE t RENAME a TO b;"},
		{name: "column added in the file", sql: "ALTER TABLE orders ADD COLUMN tmp int;\nALTER TABLE orders RENAME tmp TO final;"},
		{name: "view column", sql: "ALTER VIEW v RENAME COLUMN a TO b;", want: []int{1}},
		{name: "quoted qualified", sql: "ALTER TABLE IF EXISTS \"Sales\".orders RENAME \"Note\" TO note;", want: []int{1}},
		{name: "rename table is another rule", sql: "ALTER TABLE orders RENAME TO purchases;"},
	})
}

func TestTableRename(t *testing.T) {
	runRuleTests(t, "table.rename", []ruleTest{
		{name: "existing", sql: "ALTER TABLE orders RENAME TO purchases;", want: []int{1}},
		{name: "if exists, qualified", sql: "ALTER TABLE IF EXISTS shop.orders RENAME TO purchases;", want: []int{1}},
		{name: "view", sql: "ALTER VIEW order_totals RENAME TO totals;", want: []int{1}},
		{name: "created in the file", sql: "CREATE TABLE draft (id int);\nALTER TABLE draft RENAME TO final;"},
		{name: "history", history: []string{"CREATE TABLE draft (id int);"}, sql: "ALTER TABLE draft RENAME TO final;", want: []int{1}},
		{name: "index rename", sql: "ALTER INDEX orders_idx RENAME TO orders_customer_idx;"},
		{name: "quoted", sql: "CREATE TABLE \"Draft\" (id int);\nALTER TABLE \"Draft\" RENAME TO final;\nALTER TABLE draft RENAME TO final2;", want: []int{3}},
	})
}

func TestSchemaRename(t *testing.T) {
	runRuleTests(t, "schema.rename", []ruleTest{
		{name: "existing", sql: "ALTER SCHEMA billing RENAME TO invoicing;", want: []int{1}},
		{name: "created in the file", sql: "CREATE SCHEMA draft;\nALTER SCHEMA draft RENAME TO final;"},
		{name: "history", history: []string{"CREATE SCHEMA draft;"}, sql: "ALTER SCHEMA draft RENAME TO final;", want: []int{1}},
		{name: "owner change", sql: "ALTER SCHEMA billing OWNER TO app;"},
		{name: "created and renamed twice in the file", sql: "CREATE SCHEMA draft;\nALTER SCHEMA draft RENAME TO final;\nALTER SCHEMA final RENAME TO done;"},
	})
}

func TestColumnDropNotNull(t *testing.T) {
	runRuleTests(t, "column.drop-not-null", []ruleTest{
		{name: "existing", sql: "ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL;", want: []int{1}},
		{name: "history", history: []string{"CREATE TABLE t (a int NOT NULL);"}, sql: "ALTER TABLE t ALTER a DROP NOT NULL;", want: []int{1}},
		{name: "created in the file", sql: "CREATE TABLE t (a int NOT NULL);\nALTER TABLE t ALTER a DROP NOT NULL;"},
		{name: "set not null", sql: "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;"},
		{name: "quoted qualified", sql: "ALTER TABLE ONLY \"Sales\".\"Orders\" ALTER COLUMN \"Customer\" DROP NOT NULL;", want: []int{1}},
	})
}

func TestEnumRenameValue(t *testing.T) {
	runRuleTests(t, "type.enum-rename-value", []ruleTest{
		{name: "existing", sql: "ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';", want: []int{1}},
		{name: "history", history: []string{"CREATE TYPE s AS ENUM ('a');"}, sql: "ALTER TYPE s RENAME VALUE 'a' TO 'b';", want: []int{1}},
		{name: "created in the file", sql: "CREATE TYPE s AS ENUM ('a');\nALTER TYPE s RENAME VALUE 'a' TO 'b';"},
		{name: "add value", sql: "ALTER TYPE order_status ADD VALUE 'sent';"},
		{name: "qualified quoted", sql: "CREATE TYPE app.\"S\" AS ENUM ('a');\nALTER TYPE app.\"S\" RENAME VALUE 'a' TO 'b';\nALTER TYPE app.s RENAME VALUE 'a' TO 'b';", want: []int{3}},
	})
}
