package rules

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

// lkHist is the history most locking tests start from: tables created by an
// earlier migration file are existing.
const lkHist = `CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note varchar(20), amount numeric(10,2), created_at timestamp);
CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE SCHEMA billing;
CREATE TABLE billing."Invoices" (id bigint PRIMARY KEY, total numeric);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX "Invoices_total_idx" ON billing."Invoices" (total);
CREATE TABLE measurements (at date NOT NULL, value numeric) PARTITION BY RANGE (at);
CREATE TABLE measurements_2020 PARTITION OF measurements FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
`

func TestIndexRequireConcurrently(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "index.require-concurrently", []ruleTest{
		{name: "existing table", history: h, sql: "CREATE INDEX orders_note_idx ON orders (note);", want: []int{1}},
		{name: "unique", history: h, sql: "\n\nCREATE UNIQUE INDEX ON orders (note);", want: []int{3}},
		{name: "concurrently", history: h, sql: "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);"},
		{name: "if not exists", history: h, sql: "CREATE INDEX IF NOT EXISTS orders_note_idx ON orders (note);", want: []int{1}},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);"},
		{name: "created in earlier file", history: []string{"CREATE TABLE t (a int);"}, sql: "CREATE INDEX t_a ON t (a);", want: []int{1}},
		{name: "created then filled", sql: "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nCREATE INDEX t_a ON t (a);", want: []int{3}},
		{name: "quoted schema-qualified", history: h, sql: `CREATE INDEX ON billing."Invoices" (id);`, want: []int{1}},
		{name: "quoted name differs from unquoted", history: []string{`CREATE TABLE "Orders" (a int);`},
			sql: "CREATE TABLE orders (a int);\nCREATE INDEX ON orders (a);"},
		{name: "unknown table counts as existing", sql: "CREATE INDEX ON elsewhere (a);", want: []int{1}},
		{name: "qualified new table", sql: "CREATE SCHEMA s;\nCREATE TABLE s.t (a int);\nCREATE INDEX ON s.t (a);"},
		{name: "partitioned parent", history: h, sql: "CREATE INDEX measurements_at_idx ON measurements (at);", want: []int{1}},
		{name: "partitioned parent ON ONLY", history: h, sql: "CREATE INDEX measurements_at_idx ON ONLY measurements (at);"},
		{name: "partition concurrently", history: h, sql: "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY ON measurements_2020 (at);"},
		{name: "partitioned parent concurrently fails", history: h, sql: "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY m_at ON measurements (at);", want: []int{2}},
		{name: "partitioned parent ON ONLY concurrently fails", history: h, sql: "CREATE INDEX CONCURRENTLY m_at ON ONLY measurements (at);", want: []int{1}},
		{name: "new partitioned table concurrently fails", sql: "CREATE TABLE p (a int) PARTITION BY LIST (a);\nCREATE INDEX CONCURRENTLY ON p (a);", want: []int{2}},
		{name: "unknown table concurrently", sql: "CREATE INDEX CONCURRENTLY ON elsewhere (a);"},
		{name: "after function body", history: h, sql: "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  -- CREATE INDEX x ON orders (id);\n  RETURN 1;\nEND\n$$;\nCREATE INDEX ON orders (note);", want: []int{7}},
		{name: "after DO block", history: h, sql: "DO $body$\nBEGIN\n  PERFORM 1;\nEND\n$body$;\n\nCREATE INDEX ON orders (note);", want: []int{7}},
		{name: "after nested comment", history: h, sql: "/* outer /* inner\n*/ still comment;\nCREATE INDEX ON orders (id);\n*/\nCREATE INDEX ON orders (note);", want: []int{5}},
		{name: "several on one line", history: h, sql: "SELECT 1; CREATE INDEX ON orders (note); CREATE INDEX ON customers (email);", want: []int{1, 1}},
		{name: "multi-byte identifiers", history: []string{`CREATE TABLE "Bestellungen_ü" ("größe" int);`},
			sql: "-- Größe indexieren\nSELECT 'ä'; \nCREATE INDEX \"größe_idx\" ON \"Bestellungen_ü\" (\"größe\");", want: []int{3}},
	})
}

func TestIndexRequireConcurrentlyPartitionMessage(t *testing.T) {
	fs := reviewCase(t, "index.require-concurrently", nil, review.Options{}, lkHist, "CREATE INDEX m_idx ON measurements (at);")
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	for _, want := range []string{"partitioned", "not supported"} {
		if !lkContains(fs[0].Message, want) {
			t.Errorf("message %q lacks %q", fs[0].Message, want)
		}
	}
	for _, want := range []string{"ON ONLY public.measurements", "ATTACH PARTITION"} {
		if !lkContains(fs[0].Help, want) {
			t.Errorf("help %q lacks %q", fs[0].Help, want)
		}
	}
}

func TestIndexDropRequireConcurrently(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "index.drop-require-concurrently", []ruleTest{
		{name: "existing", history: h, sql: "DROP INDEX orders_customer_id_idx;", want: []int{1}},
		{name: "if exists", history: h, sql: "DROP INDEX IF EXISTS orders_customer_id_idx;", want: []int{1}},
		{name: "if exists unknown", history: h, sql: "DROP INDEX IF EXISTS no_such_idx;", want: []int{1}},
		{name: "concurrently", history: h, sql: "-- dbcd:no-transaction\nDROP INDEX CONCURRENTLY orders_customer_id_idx;"},
		{name: "concurrently if exists", history: h, sql: "-- dbcd:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;"},
		{name: "quoted qualified", history: h, sql: `DROP INDEX billing."Invoices_total_idx";`, want: []int{1}},
		{name: "table created in file", sql: "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nDROP INDEX t_a;"},
		{name: "table created and filled", sql: "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nINSERT INTO t VALUES (1);\nDROP INDEX t_a;", want: []int{4}},
		{name: "index created in file on existing table", history: h, sql: "CREATE INDEX x ON orders (note);\nDROP INDEX x;", want: []int{2}},
		{name: "drop table is not drop index", history: h, sql: "DROP TABLE orders;"},
		{name: "concurrently on a partitioned index fails", history: []string{lkHist + "CREATE INDEX m_at ON measurements (at);"},
			sql: "DROP INDEX CONCURRENTLY m_at;", want: []int{1}},
		{name: "concurrently on a partition's own index", history: []string{lkHist + "CREATE INDEX m2020_at ON measurements_2020 (at);"},
			sql: "DROP INDEX CONCURRENTLY m2020_at;"},
	})
}

func TestIndexReindexRequireConcurrently(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "index.reindex-require-concurrently", []ruleTest{
		{name: "index", history: h, sql: "REINDEX INDEX orders_customer_id_idx;", want: []int{1}},
		{name: "table", history: h, sql: "REINDEX TABLE orders;", want: []int{1}},
		{name: "quoted table", history: h, sql: `REINDEX TABLE billing."Invoices";`, want: []int{1}},
		{name: "concurrently", history: h, sql: "-- dbcd:no-transaction\nREINDEX TABLE CONCURRENTLY orders;"},
		{name: "concurrently option", history: h, sql: "-- dbcd:no-transaction\nREINDEX (CONCURRENTLY) INDEX orders_customer_id_idx;"},
		{name: "schema", history: h, sql: "-- dbcd:no-transaction\nREINDEX SCHEMA billing;", want: []int{2}},
		{name: "system", history: h, sql: "-- dbcd:no-transaction\nREINDEX SYSTEM;"},
		{name: "table created in file", sql: "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nREINDEX INDEX t_a;\nREINDEX TABLE t;"},
		{name: "pre 12 still flagged", history: h, sql: "REINDEX TABLE orders;", want: []int{1}, review: review.Options{PGVersion: 11}},
	})
}

// lkContains reports whether s contains sub, ignoring case.
func lkContains(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
