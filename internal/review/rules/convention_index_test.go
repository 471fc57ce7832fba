package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestIndexMaxColumns(t *testing.T) {
	runRuleTests(t, "index.max-columns", []ruleTest{
		{name: "four columns", sql: "CREATE INDEX i ON t (a, b, c, d);", want: []int{1}},
		{name: "three columns", sql: "CREATE INDEX i ON t (a, b, c);"},
		{name: "include does not count", sql: "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON public.t (a, b, c) INCLUDE (d, e);"},
		{name: "unique is exempt", sql: "CREATE UNIQUE INDEX i ON t (a, b, c, d);"},
		{name: "expressions count", sql: "CREATE INDEX ON t (lower(a), b, c, (d + 1));", want: []int{1}},
		{name: "option number", opts: map[string]any{"number": 5}, sql: "CREATE INDEX i ON t (a, b, c, d, e);"},
		{name: "option number exceeded", opts: map[string]any{"number": 1}, sql: "CREATE INDEX i ON t (a, b);", want: []int{1}},
		{name: "position", sql: positionPrelude + "CREATE INDEX i ON t (a, b, c, d);", want: []int{14}},
	})
	if r, ok := testCatalog.Lookup("INDEX_KEY_NUMBER_LIMIT"); !ok || r.ID != "index.max-columns" {
		t.Error("INDEX_KEY_NUMBER_LIMIT is not an alias of index.max-columns")
	}
}

func TestIndexForeignKeyMissingIndex(t *testing.T) {
	customers := "CREATE TABLE public.customers (id bigint PRIMARY KEY, region text, UNIQUE (id, region));"
	runRuleTests(t, "index.foreign-key-missing-index", []ruleTest{
		{name: "inline references", history: []string{customers}, sql: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));", want: []int{1}},
		{name: "index later in the file", history: []string{customers}, sql: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\nCREATE INDEX ON orders (customer_id, id);"},
		{name: "primary key leads", history: []string{customers}, sql: "CREATE TABLE lines (customer_id bigint REFERENCES customers (id), n int, PRIMARY KEY (customer_id, n));"},
		{name: "index not leading", history: []string{customers}, sql: "CREATE TABLE orders (id bigint, customer_id bigint REFERENCES customers (id));\nCREATE INDEX ON orders (id, customer_id);", want: []int{1}},
		{name: "partial index does not count", history: []string{customers}, sql: "CREATE TABLE orders (id bigint, customer_id bigint REFERENCES customers (id));\nCREATE INDEX ON orders (customer_id) WHERE id > 0;", want: []int{1}},
		{name: "multi-column fk, any order", history: []string{customers}, sql: "CREATE TABLE orders (c bigint, r text, FOREIGN KEY (c, r) REFERENCES customers (id, region));\nCREATE INDEX ON orders (r, c, c);"},
		{name: "index from history", history: []string{customers, "CREATE TABLE public.orders (id bigint, customer_id bigint);\nCREATE INDEX orders_c ON public.orders (customer_id);"},
			sql: "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;"},
		{name: "alter table add constraint without index", history: []string{customers, "CREATE TABLE public.orders (id bigint, customer_id bigint);"},
			sql: "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;", want: []int{1}},
		{name: "add column references", history: []string{customers, "CREATE TABLE public.orders (id bigint);"}, sql: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS customer_id bigint REFERENCES customers (id);", want: []int{1}},
		{name: "brin index does not count", history: []string{customers}, sql: "CREATE TABLE orders (customer_id bigint REFERENCES customers (id));\nCREATE INDEX ON orders USING brin (customer_id);", want: []int{1}},
		{name: "position", history: []string{customers}, sql: positionPrelude + "CREATE TABLE orders (customer_id bigint REFERENCES customers (id));", want: []int{14}},
	})
	got := reviewCase(t, "index.foreign-key-missing-index", nil, review.Options{}, customers+"\nCREATE TABLE public.orders (customer_id bigint CONSTRAINT orders_c_fk REFERENCES public.customers (id));")
	if len(got) != 1 || got[0].Line != 2 || got[0].Message != `foreign key "orders_c_fk" ("customer_id") on "public"."orders" has no index with these leading columns: deletes and key updates on the referenced table scan "public"."orders"` {
		t.Errorf("got %+v", got)
	}
}

func TestConstraintFKOnDeleteCascade(t *testing.T) {
	runRuleTests(t, "constraint.fk-on-delete-cascade", []ruleTest{
		{name: "inline", sql: "CREATE TABLE o (c bigint REFERENCES customers (id) ON DELETE CASCADE);", want: []int{1}},
		{name: "table constraint", sql: "CREATE TABLE o (c bigint, FOREIGN KEY (c) REFERENCES customers (id) ON UPDATE CASCADE ON DELETE CASCADE);", want: []int{1}},
		{name: "on update cascade only", sql: "CREATE TABLE o (c bigint REFERENCES customers (id) ON UPDATE CASCADE ON DELETE RESTRICT);"},
		{name: "set null", sql: "CREATE TABLE o (c bigint REFERENCES customers (id) ON DELETE SET NULL);"},
		{name: "alter table add constraint", sql: `ALTER TABLE "public"."o" ADD CONSTRAINT o_fk FOREIGN KEY (c) REFERENCES public.customers (id) ON DELETE CASCADE NOT VALID;`, want: []int{1}},
		{name: "add column", sql: "ALTER TABLE o ADD COLUMN IF NOT EXISTS c bigint REFERENCES customers ON DELETE CASCADE;", want: []int{1}},
		{name: "position", sql: positionPrelude + "ALTER TABLE o ADD FOREIGN KEY (c) REFERENCES customers (id) ON DELETE CASCADE;", want: []int{14}},
	})
	for _, alias := range []string{"statement.disallow-on-del-cascade", "STATEMENT_DISALLOW_ON_DEL_CASCADE"} {
		if r, ok := testCatalog.Lookup(alias); !ok || r.ID != "constraint.fk-on-delete-cascade" {
			t.Errorf("%s is not an alias of constraint.fk-on-delete-cascade", alias)
		}
	}
}

func TestTypeEnumValueOrder(t *testing.T) {
	runRuleTests(t, "type.enum-value-order", []ruleTest{
		{name: "no order", sql: "ALTER TYPE mood ADD VALUE 'meh';", want: []int{1}},
		{name: "if not exists", sql: "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'meh';", want: []int{1}},
		{name: "before", sql: "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad';"},
		{name: "after", sql: `ALTER TYPE "Mood" ADD VALUE 'meh' AFTER 'ok';`},
		{name: "rename value", sql: "ALTER TYPE mood RENAME VALUE 'a' TO 'b';"},
		{name: "position", sql: positionPrelude + "ALTER TYPE mood ADD VALUE 'meh';", want: []int{14}},
	})
}

func TestTypeAvoidEnum(t *testing.T) {
	runRuleTests(t, "type.avoid-enum", []ruleTest{
		{name: "create enum", sql: "CREATE TYPE mood AS ENUM ('a', 'b');", want: []int{1}},
		{name: "qualified quoted", sql: `CREATE TYPE "App"."Mood" AS ENUM ();`, want: []int{1}},
		{name: "composite", sql: "CREATE TYPE pair AS (a int, b int);"},
		{name: "add value is not creation", sql: "ALTER TYPE mood ADD VALUE 'c' AFTER 'b';"},
		{name: "position", sql: positionPrelude + "CREATE TYPE mood AS ENUM ('a');", want: []int{14}},
	})
}
