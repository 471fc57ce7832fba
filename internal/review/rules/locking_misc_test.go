package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestTableRewrite(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "table.rewrite", []ruleTest{
		{name: "vacuum full", history: h, sql: "-- dbcd:no-transaction\nVACUUM FULL orders;", want: []int{2}},
		{name: "vacuum full options", history: h, sql: "-- dbcd:no-transaction\nVACUUM (FULL, ANALYZE) orders, customers;", want: []int{2}},
		{name: "vacuum full false", history: h, sql: "-- dbcd:no-transaction\nVACUUM (FULL false) orders;"},
		{name: "vacuum full everything", history: h, sql: "-- dbcd:no-transaction\nVACUUM FULL;", want: []int{2}},
		{name: "plain vacuum", history: h, sql: "-- dbcd:no-transaction\nVACUUM orders;"},
		{name: "analyze", history: h, sql: "ANALYZE orders;"},
		{name: "cluster", history: h, sql: "CLUSTER orders USING orders_pkey;", want: []int{1}},
		{name: "cluster all", history: h, sql: "-- dbcd:no-transaction\nCLUSTER;", want: []int{2}},
		{name: "set logged", history: h, sql: "ALTER TABLE orders SET LOGGED;", want: []int{1}},
		{name: "set unlogged", history: h, sql: "ALTER TABLE IF EXISTS orders SET UNLOGGED;", want: []int{1}},
		{name: "set tablespace", history: h, sql: `ALTER TABLE billing."Invoices" SET TABLESPACE fast;`, want: []int{1}},
		{name: "set access method", history: h, sql: "ALTER TABLE orders SET ACCESS METHOD heap2;", want: []int{1}},
		{name: "alter index set tablespace", history: h, sql: "ALTER INDEX orders_customer_id_idx SET TABLESPACE fast;", want: []int{1}},
		{name: "all in tablespace", history: h, sql: "ALTER TABLE ALL IN TABLESPACE slow SET TABLESPACE fast;", want: []int{1}},
		{name: "set fillfactor", history: h, sql: "ALTER TABLE orders SET (fillfactor = 70);"},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t SET UNLOGGED;\nCLUSTER t USING t_a;"},
		{name: "created and filled", sql: "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nALTER TABLE t SET UNLOGGED;", want: []int{3}},
	})
}

func TestPartitionDetachConcurrently(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "partition.detach-concurrently", []ruleTest{
		{name: "detach", history: h, sql: "ALTER TABLE measurements DETACH PARTITION measurements_2020;", want: []int{1}},
		{name: "concurrently", history: h, sql: "-- dbcd:no-transaction\nALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;"},
		{name: "finalize", history: h, sql: "-- dbcd:no-transaction\nALTER TABLE measurements DETACH PARTITION measurements_2020 FINALIZE;"},
		{name: "before PG14", history: h, sql: "ALTER TABLE measurements DETACH PARTITION measurements_2020;", review: review.Options{PGVersion: 13}},
		{name: "created in file", sql: "CREATE TABLE p (a int) PARTITION BY LIST (a);\nCREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);\nALTER TABLE p DETACH PARTITION p1;"},
		{name: "qualified", history: h, sql: "ALTER TABLE public.measurements DETACH PARTITION public.measurements_2020;", want: []int{1}},
	})
}

func TestTypeDomainConstraint(t *testing.T) {
	runRuleTests(t, "type.domain-constraint", []ruleTest{
		{name: "create with check", sql: "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');", want: []int{1}},
		{name: "create with not null only", sql: "CREATE DOMAIN email AS text NOT NULL;"},
		{name: "create plain", sql: "CREATE DOMAIN email AS text;"},
		{name: "alter add", history: []string{"CREATE DOMAIN email AS text;\nCREATE TABLE u (e email);"},
			sql: "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%');", want: []int{1}},
		{name: "alter add not valid", history: []string{"CREATE DOMAIN email AS text;"},
			sql: "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID;", want: []int{1}},
		{name: "alter drop", history: []string{"CREATE DOMAIN email AS text CHECK (VALUE <> '');"}, sql: "ALTER DOMAIN email DROP CONSTRAINT email_check;"},
		{name: "qualified quoted", sql: `CREATE SCHEMA s; CREATE DOMAIN s."Email" AS text CHECK (VALUE <> '');`, want: []int{1}},
	})
}

func TestMatviewRefreshConcurrently(t *testing.T) {
	h := []string{lkHist + "CREATE MATERIALIZED VIEW mv AS SELECT id, amount FROM orders;\nCREATE UNIQUE INDEX mv_id ON mv (id);\n"}
	runRuleTests(t, "matview.refresh-concurrently", []ruleTest{
		{name: "plain", history: h, sql: "REFRESH MATERIALIZED VIEW mv;", want: []int{1}},
		{name: "concurrently", history: h, sql: "REFRESH MATERIALIZED VIEW CONCURRENTLY mv;"},
		{name: "with no data", history: h, sql: "REFRESH MATERIALIZED VIEW mv WITH NO DATA;"},
		{name: "qualified", history: h, sql: "REFRESH MATERIALIZED VIEW public.mv;", want: []int{1}},
		{name: "created with no data in file", sql: "CREATE MATERIALIZED VIEW m2 AS SELECT 1 AS a WITH NO DATA;\nREFRESH MATERIALIZED VIEW m2;"},
	})
	fs := reviewCase(t, "matview.refresh-concurrently", nil, review.Options{}, lkHist+"CREATE MATERIALIZED VIEW m3 AS SELECT id FROM orders;", "REFRESH MATERIALIZED VIEW m3;")
	if len(fs) != 1 || !lkContains(fs[0].Message, "unique index") {
		t.Errorf("want a finding mentioning the missing unique index, got %v", fs)
	}
}

func TestStatementDynamicSQL(t *testing.T) {
	runRuleTests(t, "statement.dynamic-sql", []ruleTest{
		{name: "do block", sql: "SELECT 1;\nDO $$ BEGIN EXECUTE 'DROP TABLE t'; END $$;", want: []int{2}},
		{name: "do with language", sql: "DO LANGUAGE plpgsql $x$\nBEGIN\nEND\n$x$;\nDO $$ BEGIN END $$;", want: []int{1, 5}},
		{name: "function is not flagged", sql: "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$;"},
	})
}

func TestIndexConcurrentlyPG14Corruption(t *testing.T) {
	pg14 := review.Options{PGVersion: 14}
	runRuleTests(t, "index.concurrently-pg14-corruption", []ruleTest{
		{name: "create concurrently on 14", sql: "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);", want: []int{2}, review: pg14},
		{name: "reindex concurrently on 14", sql: "-- dbcd:no-transaction\nREINDEX TABLE CONCURRENTLY t;", want: []int{2}, review: pg14},
		{name: "plain create on 14", sql: "CREATE INDEX i ON t (a);", review: pg14},
		{name: "drop concurrently on 14", sql: "-- dbcd:no-transaction\nDROP INDEX CONCURRENTLY i;", review: pg14},
		{name: "create concurrently on 15", sql: "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);"},
		{name: "create concurrently on 13", sql: "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);", review: review.Options{PGVersion: 13}},
	})
}

func TestLockingAliases(t *testing.T) {
	for alias, id := range map[string]string{
		"index.create-concurrently":           "index.require-concurrently",
		"INDEX_CREATE_CONCURRENTLY":           "index.require-concurrently",
		"column.default-disallow-volatile":    "column.add-volatile-default",
		"COLUMN_DEFAULT_DISALLOW_VOLATILE":    "column.add-volatile-default",
		"column.disallow-change-type":         "column.change-type",
		"COLUMN_DISALLOW_CHANGE_TYPE":         "column.change-type",
		"statement.disallow-add-not-null":     "column.set-not-null",
		"STATEMENT_DISALLOW_ADD_NOT_NULL":     "column.set-not-null",
		"statement.add-check-not-valid":       "constraint.check-require-not-valid",
		"STATEMENT_ADD_CHECK_NOT_VALID":       "constraint.check-require-not-valid",
		"statement.add-foreign-key-not-valid": "constraint.fk-require-not-valid",
		"STATEMENT_ADD_FOREIGN_KEY_NOT_VALID": "constraint.fk-require-not-valid",
	} {
		r, ok := testCatalog.Lookup(alias)
		if !ok || r.ID != id {
			t.Errorf("Lookup(%q) = %v, %v; want %s", alias, r, ok, id)
		}
	}
}
