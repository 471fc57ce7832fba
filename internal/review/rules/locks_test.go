package rules

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// lockString spells locks as "rel MODE", with "/index" for index locks and
// "+rewrite" / "+scan" flags, joined by "; ".
func lockString(locks []Lock) string {
	var parts []string
	for _, l := range locks {
		s := l.Relation.String()
		if l.Index != (model.QName{}) {
			s += "/" + l.Index.Name
		}
		s += " " + l.Mode
		if l.Rewrite {
			s += "+rewrite"
		}
		if l.Scan {
			s += "+scan"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// locksOfLast returns the locks of the last statement of sql on the schema
// built by history and the statements before it.
func locksOfLast(t *testing.T, history, sql string, pg int) []Lock {
	t.Helper()
	schema := model.New()
	if history != "" {
		hf, err := sqlparse.Parse("history.sql", []byte(history))
		if err != nil {
			t.Fatal(err)
		}
		schema.ApplyFile(hf)
	}
	f, err := sqlparse.Parse("test.sql", []byte(sql))
	if err != nil {
		t.Fatal(err)
	}
	last := len(f.Statements) - 1
	for i := 0; i < last; i++ {
		schema.Apply(&f.Statements[i])
	}
	return LockOfVersion(&review.Stmt{Statement: &f.Statements[last], Index: last}, schema, pg)
}

func TestLockOf(t *testing.T) {
	h := lkHist + `
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), qty int);
CREATE DOMAIN positive AS int;
CREATE TABLE stock (n positive);
CREATE MATERIALIZED VIEW mv AS SELECT id FROM orders;
`
	tests := []struct {
		name, sql, want string
	}{
		{"select", "SELECT * FROM orders o JOIN customers c ON true WHERE o.id IN (SELECT id FROM items);", "public.orders ACCESS SHARE; public.customers ACCESS SHARE; public.items ACCESS SHARE"},
		{"select cte ignored", "WITH x AS (SELECT 1) SELECT * FROM x, customers;", "public.customers ACCESS SHARE"},
		{"select for update", "SELECT * FROM orders FOR UPDATE;", "public.orders ROW SHARE"},
		{"insert", "INSERT INTO orders (id) VALUES (1);", "public.orders ROW EXCLUSIVE"},
		{"update", "UPDATE orders SET note = 'x';", "public.orders ROW EXCLUSIVE"},
		{"delete", "DELETE FROM customers WHERE id = 1;", "public.customers ROW EXCLUSIVE"},
		{"copy from", "COPY orders FROM STDIN;", "public.orders ROW EXCLUSIVE"},
		{"create index", "CREATE INDEX ON orders (note);", "public.orders SHARE+scan"},
		{"create index concurrently", "CREATE INDEX CONCURRENTLY ON orders (note);", "public.orders SHARE UPDATE EXCLUSIVE+scan"},
		{"create index partitioned", "CREATE INDEX ON measurements (at);", "public.measurements SHARE; public.measurements_2020 SHARE+scan"},
		{"create index on only", "CREATE INDEX ON ONLY measurements (at);", "public.measurements SHARE"},
		{"drop index", "DROP INDEX orders_customer_id_idx;", "public.orders ACCESS EXCLUSIVE"},
		{"drop index concurrently", "DROP INDEX CONCURRENTLY orders_customer_id_idx;", "public.orders SHARE UPDATE EXCLUSIVE"},
		{"drop unknown index", "DROP INDEX IF EXISTS nope;", "public.nope ACCESS EXCLUSIVE"},
		{"reindex index", "REINDEX INDEX orders_customer_id_idx;", "public.orders SHARE; public.orders/orders_customer_id_idx ACCESS EXCLUSIVE+rewrite"},
		{"reindex table", "REINDEX TABLE customers;", "public.customers SHARE; public.customers/customers_pkey ACCESS EXCLUSIVE+rewrite"},
		{"reindex concurrently", "REINDEX TABLE CONCURRENTLY customers;", "public.customers SHARE UPDATE EXCLUSIVE; public.customers/customers_pkey SHARE UPDATE EXCLUSIVE+rewrite"},
		{"drop table with fk", "DROP TABLE items;", "public.items ACCESS EXCLUSIVE; public.orders ACCESS EXCLUSIVE"},
		{"drop table cascade", "DROP TABLE orders CASCADE;", "public.orders ACCESS EXCLUSIVE; public.items ACCESS EXCLUSIVE"},
		{"truncate", "TRUNCATE orders;", "public.orders ACCESS EXCLUSIVE"},
		{"truncate cascade", "TRUNCATE orders CASCADE;", "public.orders ACCESS EXCLUSIVE; public.items ACCESS EXCLUSIVE"},
		{"vacuum", "VACUUM orders;", "public.orders SHARE UPDATE EXCLUSIVE+scan"},
		{"vacuum full", "VACUUM FULL customers;", "public.customers ACCESS EXCLUSIVE+rewrite; public.customers/customers_pkey ACCESS EXCLUSIVE+rewrite"},
		{"analyze", "ANALYZE orders;", "public.orders SHARE UPDATE EXCLUSIVE+scan"},
		{"cluster", "CLUSTER customers USING customers_pkey;", "public.customers ACCESS EXCLUSIVE+rewrite; public.customers/customers_pkey ACCESS EXCLUSIVE+rewrite"},
		{"refresh", "REFRESH MATERIALIZED VIEW mv;", "public.mv ACCESS EXCLUSIVE+rewrite"},
		{"refresh concurrently", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv;", "public.mv EXCLUSIVE+scan"},
		{"lock default", "LOCK TABLE orders;", "public.orders ACCESS EXCLUSIVE"},
		{"lock share", "LOCK TABLE orders, customers IN SHARE MODE;", "public.orders SHARE; public.customers SHARE"},
		{"lock partitioned", "LOCK measurements IN ROW EXCLUSIVE MODE;", "public.measurements ROW EXCLUSIVE; public.measurements_2020 ROW EXCLUSIVE"},
		{"add column", "ALTER TABLE orders ADD COLUMN x int;", "public.orders ACCESS EXCLUSIVE"},
		{"add column constant default", "ALTER TABLE orders ADD COLUMN x int NOT NULL DEFAULT 0;", "public.orders ACCESS EXCLUSIVE"},
		{"add column constant default pg10", "ALTER TABLE orders ADD COLUMN x int DEFAULT 0;", "public.orders ACCESS EXCLUSIVE+rewrite"},
		{"add column volatile", "ALTER TABLE orders ADD COLUMN x float DEFAULT random();", "public.orders ACCESS EXCLUSIVE+rewrite"},
		{"add column references", "ALTER TABLE orders ADD COLUMN c bigint REFERENCES customers;", "public.orders ACCESS EXCLUSIVE+scan; public.customers SHARE ROW EXCLUSIVE"},
		{"add column partitioned", "ALTER TABLE measurements ADD COLUMN x uuid DEFAULT gen_random_uuid();", "public.measurements ACCESS EXCLUSIVE+rewrite; public.measurements_2020 ACCESS EXCLUSIVE+rewrite"},
		{"add fk", "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;", "public.orders SHARE ROW EXCLUSIVE+scan; public.customers SHARE ROW EXCLUSIVE"},
		{"add fk not valid", "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;", "public.orders SHARE ROW EXCLUSIVE; public.customers SHARE ROW EXCLUSIVE"},
		{"add fk and column", "ALTER TABLE orders ADD COLUMN x int, ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;", "public.orders ACCESS EXCLUSIVE; public.customers SHARE ROW EXCLUSIVE"},
		{"validate fk", "ALTER TABLE items VALIDATE CONSTRAINT items_order_id_fkey;", "public.items SHARE UPDATE EXCLUSIVE+scan; public.orders ROW SHARE"},
		{"drop fk", "ALTER TABLE items DROP CONSTRAINT items_order_id_fkey;", "public.items ACCESS EXCLUSIVE; public.orders ACCESS EXCLUSIVE"},
		{"add check", "ALTER TABLE orders ADD CHECK (amount > 0);", "public.orders ACCESS EXCLUSIVE+scan"},
		{"add check not valid", "ALTER TABLE orders ADD CHECK (amount > 0) NOT VALID;", "public.orders ACCESS EXCLUSIVE"},
		{"add unique", "ALTER TABLE orders ADD UNIQUE (note);", "public.orders ACCESS EXCLUSIVE+scan"},
		{"set not null", "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;", "public.orders ACCESS EXCLUSIVE+scan"},
		{"set not null already", "ALTER TABLE orders ALTER COLUMN id SET NOT NULL;", "public.orders ACCESS EXCLUSIVE"},
		{"type widen", "ALTER TABLE orders ALTER COLUMN note TYPE text;", "public.orders ACCESS EXCLUSIVE"},
		{"type change", "ALTER TABLE orders ALTER COLUMN note TYPE int USING note::int;", "public.orders ACCESS EXCLUSIVE+rewrite"},
		{"set statistics", "ALTER TABLE orders ALTER COLUMN note SET STATISTICS 500;", "public.orders SHARE UPDATE EXCLUSIVE"},
		{"set fillfactor", "ALTER TABLE orders SET (fillfactor = 70, autovacuum_enabled = false);", "public.orders SHARE UPDATE EXCLUSIVE"},
		{"set user catalog", "ALTER TABLE orders SET (user_catalog_table = true);", "public.orders ACCESS EXCLUSIVE"},
		{"disable trigger", "ALTER TABLE orders DISABLE TRIGGER ALL;", "public.orders SHARE ROW EXCLUSIVE"},
		{"set logged", "ALTER TABLE orders SET LOGGED;", "public.orders ACCESS EXCLUSIVE+rewrite"},
		{"attach partition", "CREATE TABLE m2021 (at date NOT NULL, value numeric);\nALTER TABLE measurements ATTACH PARTITION m2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');",
			"public.measurements SHARE UPDATE EXCLUSIVE; public.m2021 ACCESS EXCLUSIVE+scan"},
		{"detach partition", "ALTER TABLE measurements DETACH PARTITION measurements_2020;", "public.measurements ACCESS EXCLUSIVE; public.measurements_2020 ACCESS EXCLUSIVE"},
		{"detach concurrently", "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;", "public.measurements SHARE UPDATE EXCLUSIVE; public.measurements_2020 SHARE UPDATE EXCLUSIVE"},
		{"alter index rename", "ALTER INDEX orders_customer_id_idx RENAME TO x;", "public.orders/orders_customer_id_idx SHARE UPDATE EXCLUSIVE"},
		{"alter index set tablespace", "ALTER INDEX orders_customer_id_idx SET TABLESPACE fast;", "public.orders/orders_customer_id_idx ACCESS EXCLUSIVE+rewrite"},
		{"rename table", "ALTER TABLE orders RENAME TO orders_old;", "public.orders ACCESS EXCLUSIVE"},
		{"rename column", `ALTER TABLE billing."Invoices" RENAME COLUMN total TO amount;`, `billing.Invoices ACCESS EXCLUSIVE`},
		{"set schema", "ALTER TABLE orders SET SCHEMA billing;", "public.orders ACCESS EXCLUSIVE"},
		{"create table fk", "CREATE TABLE t (o bigint REFERENCES orders, c bigint, FOREIGN KEY (c) REFERENCES customers);", "public.orders SHARE ROW EXCLUSIVE; public.customers SHARE ROW EXCLUSIVE"},
		{"create table self fk", "CREATE TABLE t (id int PRIMARY KEY, parent int REFERENCES t);", ""},
		{"create partition", "CREATE TABLE m2022 PARTITION OF measurements FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');", "public.measurements ACCESS EXCLUSIVE"},
		{"create or replace view", "CREATE VIEW v AS SELECT 1;\nCREATE OR REPLACE VIEW v AS SELECT 2;", "public.v ACCESS EXCLUSIVE"},
		{"create trigger", "CREATE TRIGGER tr BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();", "public.orders SHARE ROW EXCLUSIVE"},
		{"drop trigger", "DROP TRIGGER tr ON orders;", "public.orders ACCESS EXCLUSIVE"},
		{"create policy", "CREATE POLICY p ON orders USING (true);", "public.orders ACCESS EXCLUSIVE"},
		{"comment", "COMMENT ON COLUMN orders.note IS 'x';", "public.orders SHARE UPDATE EXCLUSIVE"},
		{"create statistics", "CREATE STATISTICS s ON note, amount FROM orders;", "public.orders SHARE UPDATE EXCLUSIVE"},
		{"alter domain add", "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0);", "public.stock SHARE+scan"},
		{"alter domain add not valid", "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID;", ""},
		{"create type", "CREATE TYPE e AS ENUM ('a');", ""},
		{"set", "SET lock_timeout = '1s';", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := 15
			if strings.HasSuffix(tt.name, "pg10") {
				pg = 10
			}
			if got := lockString(locksOfLast(t, h, tt.sql, pg)); got != tt.want {
				t.Errorf("locks of %s\n got: %s\nwant: %s", tt.sql, got, tt.want)
			}
		})
	}
}

func TestLockOfAttachBeforePG12(t *testing.T) {
	got := lockString(locksOfLast(t, lkHist, "CREATE TABLE m2021 (at date NOT NULL, value numeric);\n"+
		"ALTER TABLE measurements ATTACH PARTITION m2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');", 11))
	if want := "public.measurements ACCESS EXCLUSIVE; public.m2021 ACCESS EXCLUSIVE+scan"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// A new partition is checked against the rows of the parent's DEFAULT
// partition: ACCESS EXCLUSIVE and a scan of that partition, whether the
// partition is created with PARTITION OF or attached.
func TestLockOfDefaultPartition(t *testing.T) {
	h := lkHist + "CREATE TABLE measurements_other PARTITION OF measurements DEFAULT;\n"
	tests := []struct{ name, sql, want string }{
		{"attach", "CREATE TABLE m2021 (at date NOT NULL, value numeric);\n" +
			"ALTER TABLE measurements ATTACH PARTITION m2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');",
			"public.measurements SHARE UPDATE EXCLUSIVE; public.m2021 ACCESS EXCLUSIVE+scan; public.measurements_other ACCESS EXCLUSIVE+scan"},
		{"create partition of", "CREATE TABLE m2022 PARTITION OF measurements FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');",
			"public.measurements ACCESS EXCLUSIVE; public.measurements_other ACCESS EXCLUSIVE+scan"},
		{"detached default", "ALTER TABLE measurements DETACH PARTITION measurements_other;\n" +
			"CREATE TABLE m2022 PARTITION OF measurements FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');",
			"public.measurements ACCESS EXCLUSIVE"},
		{"attached as default", "ALTER TABLE measurements DETACH PARTITION measurements_other;\n" +
			"ALTER TABLE measurements ATTACH PARTITION measurements_other DEFAULT;\n" +
			"CREATE TABLE m2022 PARTITION OF measurements FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');",
			"public.measurements ACCESS EXCLUSIVE; public.measurements_other ACCESS EXCLUSIVE+scan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lockString(locksOfLast(t, h, tt.sql, 15)); got != tt.want {
				t.Errorf("locks of %s\n got: %s\nwant: %s", tt.sql, got, tt.want)
			}
		})
	}
}

func TestLockHelpers(t *testing.T) {
	if LockRank(LockAccessShare) != 1 || LockRank(LockAccessExclusive) != 8 || LockRank("nope") != 0 {
		t.Error("LockRank")
	}
	l := Lock{Mode: LockShareRowExclusive}
	if !l.AtLeast(LockShare) || l.AtLeast(LockExclusive) || !l.BlocksWrites() || l.BlocksReads() {
		t.Error("Lock predicates")
	}
	if (Lock{Mode: LockShareUpdateExclusive}).BlocksWrites() {
		t.Error("SHARE UPDATE EXCLUSIVE does not block writes")
	}
	if LockOf(nil, model.New()) != nil {
		t.Error("LockOf(nil) should be nil")
	}
}
