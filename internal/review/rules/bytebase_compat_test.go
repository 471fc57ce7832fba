package rules

import "testing"

func TestBBBackwardCompatibility(t *testing.T) {
	hist := []string{"CREATE TABLE t (id int, a text, b int);\nCREATE MATERIALIZED VIEW mv AS SELECT id FROM t;\nCREATE SCHEMA s;\nCREATE TABLE s.\"T\" (id int);"}
	runRuleTests(t, "schema.backward-compatibility", []ruleTest{
		{name: "drop database", sql: "DROP DATABASE IF EXISTS shop;", want: []int{1}},
		{name: "drop table from history", history: hist, sql: "DROP TABLE t;", want: []int{1}},
		{name: "drop table if exists, unknown", sql: "DROP TABLE IF EXISTS unknown_t;", want: []int{1}},
		{name: "drop table created in file", sql: "CREATE TABLE n (id int);\nDROP TABLE n;"},
		{name: "created and filled is still new to deployed code", sql: "CREATE TABLE n (id int);\nINSERT INTO n (id) VALUES (1);\nDROP TABLE n;"},
		{name: "drop quoted schema-qualified", history: hist, sql: "DROP TABLE s.\"T\";", want: []int{1}},
		{name: "drop matview", history: hist, sql: "DROP MATERIALIZED VIEW mv;", want: []int{1}},
		{name: "drop view is not listed", history: hist, sql: "CREATE VIEW v AS SELECT 1;\n-- x\nDROP VIEW v;"},
		{name: "drop column", history: hist, sql: "ALTER TABLE t DROP COLUMN IF EXISTS a;", want: []int{1}},
		{name: "rename table", history: hist, sql: "ALTER TABLE t RENAME TO t2;", want: []int{1}},
		{name: "rename column", history: hist, sql: "ALTER TABLE public.t RENAME COLUMN a TO c;", want: []int{1}},
		{name: "rename column of new table", sql: "CREATE TABLE n (a int);\nALTER TABLE n RENAME COLUMN a TO c;"},
		{name: "alter type", history: hist, sql: "ALTER TABLE t ALTER COLUMN b TYPE bigint;", want: []int{1}},
		{name: "add constraints", history: hist, sql: "ALTER TABLE t\n  ADD PRIMARY KEY (id),\n  ADD CONSTRAINT c CHECK (b > 0) NOT VALID,\n  ADD UNIQUE (a),\n  ADD FOREIGN KEY (b) REFERENCES t (id);", want: []int{1, 1, 1, 1}},
		{name: "unique using an existing unique index", history: append(hist, "CREATE UNIQUE INDEX t_a_key ON t (a);"),
			sql: "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_key;"},
		{name: "primary key using index still adds NOT NULL", history: append(hist, "CREATE UNIQUE INDEX t_id_key ON t (id);"),
			sql: "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_key;", want: []int{1}},
		{name: "create unique index", history: hist, sql: "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a);", want: []int{1}},
		{name: "create unique index on new table", sql: "CREATE TABLE n (a int);\nCREATE UNIQUE INDEX i ON n (a);"},
		{name: "compatible changes", history: hist, sql: "ALTER TABLE t ADD COLUMN c int;\nCREATE INDEX i ON t (a);\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;\nALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (b WITH =);"},
	})
}
