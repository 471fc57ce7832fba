package rules

import "testing"

func TestRequireLockTimeout(t *testing.T) {
	const alter = "ALTER TABLE orders ADD COLUMN note text;"
	runRuleTests(t, "transaction.require-lock-timeout", []ruleTest{
		{name: "dbcd runner sets it", sql: alter},
		{name: "dbcd runner sets it in a no-transaction file", sql: "-- dbcd:no-transaction\n" + alter},
		{name: "dbcd runner sets it with an explicit block", sql: "BEGIN;\n" + alter + "\nCOMMIT;"},
		{name: "dbcd lock-timeout 0 directive", sql: "-- dbcd:lock-timeout 0\n" + alter, want: []int{2}},
		{name: "dbcd SET to zero", sql: "SET lock_timeout = 0;\n" + alter, want: []int{2}},
		{name: "dbcd SET to zero then RESET", sql: "SET lock_timeout = 0;\nRESET lock_timeout;\n" + alter},
		{name: "psql unset", sql: alter, want: []int{1}, review: psqlRunner},
		{name: "psql SET before", sql: "SET lock_timeout = '5s';\n" + alter, review: psqlRunner},
		{name: "psql SET TO integer", sql: "SET lock_timeout TO 5000;\n" + alter, review: psqlRunner},
		{name: "psql SET after", sql: alter + "\nSET lock_timeout = '5s';", want: []int{1}, review: psqlRunner},
		{name: "psql SET to zero", sql: "SET lock_timeout = '5s';\nSET lock_timeout = '0';\n" + alter, want: []int{3}, review: psqlRunner},
		{name: "psql RESET", sql: "SET lock_timeout = '5s';\nRESET lock_timeout;\n" + alter, want: []int{3}, review: psqlRunner},
		{name: "psql RESET ALL", sql: "SET lock_timeout = '5s';\nRESET ALL;\n" + alter, want: []int{3}, review: psqlRunner},
		{name: "psql SET LOCAL outside a block", sql: "SET LOCAL lock_timeout = '5s';\n" + alter, want: []int{2}, review: psqlRunner},
		{name: "psql SET LOCAL ends at COMMIT", review: psqlRunner,
			sql: "BEGIN;\nSET LOCAL lock_timeout = '5s';\n" + alter + "\nCOMMIT;\n" + alter, want: []int{5}},
		{name: "psql SET in a rolled back block", review: psqlRunner,
			sql: "BEGIN;\nSET lock_timeout = '5s';\nROLLBACK;\n" + alter, want: []int{4}},
		{name: "psql set_config session", sql: "SELECT set_config('lock_timeout', '5s', false);\n" + alter, review: psqlRunner},
		{name: "psql set_config local outside a block", sql: "SELECT set_config('lock_timeout', '5s', true);\n" + alter,
			want: []int{2}, review: psqlRunner},
		{name: "psql set_config local in a block", review: psqlRunner,
			sql: "BEGIN;\nSELECT set_config('lock_timeout', '5s', true);\n" + alter + "\nCOMMIT;"},
		{name: "psql statement_timeout does not count", sql: "SET statement_timeout = '5s';\n" + alter, want: []int{2}, review: psqlRunner},
		{name: "psql concurrently is exempt", sql: "CREATE INDEX CONCURRENTLY i ON orders (a);", review: psqlRunner},
		{name: "psql plain index takes SHARE", sql: "CREATE INDEX i ON orders (a);", want: []int{1}, review: psqlRunner},
		{name: "psql validate is SHARE UPDATE EXCLUSIVE", sql: "ALTER TABLE orders VALIDATE CONSTRAINT c;", review: psqlRunner},
		{name: "psql DML is exempt", sql: "INSERT INTO orders VALUES (1);\nUPDATE orders SET a = 1 WHERE id = 2;", review: psqlRunner},
		{name: "psql table created in the file", review: psqlRunner,
			sql: "CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);\nALTER TABLE t ADD note text;"},
		{name: "psql table created and filled in the file", review: psqlRunner,
			sql: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nCREATE INDEX i ON t (id);", want: []int{3}},
		{name: "psql table from history", review: psqlRunner,
			history: []string{"CREATE TABLE t (id int);"}, sql: "CREATE INDEX i ON t (id);", want: []int{1}},
		{name: "psql foreign key to an existing table", review: psqlRunner,
			history: []string{"CREATE TABLE customers (id int PRIMARY KEY);"},
			sql:     "CREATE TABLE orders2 (id int, customer_id int REFERENCES customers);", want: []int{1}},
		{name: "psql quoted and qualified", review: psqlRunner,
			sql: "SET lock_timeout = '2s';\nALTER TABLE \"Sales\".\"Orders\" ADD note text;\nRESET lock_timeout;\nALTER TABLE sales.orders ADD note text;", want: []int{4}},
		{name: "psql after a function body", review: psqlRunner,
			sql: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\nSELECT 1;\n$$;\n" + alter, want: []int{4}},
		{name: "psql set_config in a function body does not count", review: psqlRunner,
			sql: "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$\nSELECT set_config('lock_timeout', '5s', false)\n$$;\n" + alter, want: []int{4}},
		{name: "psql attach locks the default partition", review: psqlRunner,
			history: []string{"CREATE TABLE m (at date NOT NULL) PARTITION BY RANGE (at);\nCREATE TABLE m_other PARTITION OF m DEFAULT;"},
			sql:     "CREATE TABLE m2021 (LIKE m);\nALTER TABLE m ATTACH PARTITION m2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');", want: []int{2}},
		{name: "psql attach without a default partition", review: psqlRunner,
			history: []string{"CREATE TABLE m (at date NOT NULL) PARTITION BY RANGE (at);"},
			sql:     "CREATE TABLE m2021 (LIKE m);\nALTER TABLE m ATTACH PARTITION m2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');"},
		{name: "psql multi-byte identifier, several per line", review: psqlRunner,
			sql: "SELECT 'é'; ALTER TABLE \"pedidos_été\" ADD note text; SELECT 1;", want: []int{1}},
	})
}

func TestRequireStatementTimeout(t *testing.T) {
	const alter = "ALTER TABLE orders ADD COLUMN note text;"
	runRuleTests(t, "transaction.require-statement-timeout", []ruleTest{
		{name: "unset", sql: alter, want: []int{1}},
		{name: "unset, psql", sql: alter, want: []int{1}, review: psqlRunner},
		{name: "directive", sql: "-- dbcd:statement-timeout 10m\n" + alter},
		{name: "directive ignored by psql", sql: "-- dbcd:statement-timeout 10m\n" + alter, want: []int{2}, review: psqlRunner},
		{name: "SET", sql: "SET statement_timeout = '15min';\n" + alter, review: psqlRunner},
		{name: "SET zero", sql: "SET statement_timeout = 0;\n" + alter, want: []int{2}},
		{name: "lock_timeout does not count", sql: "SET lock_timeout = '5s';\n" + alter, want: []int{2}},
		{name: "set_config", sql: "SELECT set_config('statement_timeout', '1min', false);\n" + alter},
		{name: "concurrently is exempt", sql: "CREATE INDEX CONCURRENTLY i ON orders (a);"},
		{name: "new table", sql: "CREATE TABLE t (id int);\nCREATE INDEX ON t (id);"},
	})
}
