package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestColumnSetNotNull(t *testing.T) {
	h := []string{lkHist}
	valid := append(h, "ALTER TABLE customers ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;",
		"ALTER TABLE customers VALIDATE CONSTRAINT email_nn;")
	pg11 := review.Options{PGVersion: 11}
	runRuleTests(t, "column.set-not-null", []ruleTest{
		{name: "plain", history: h, sql: "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;", want: []int{1}},
		{name: "already not null", history: h, sql: "ALTER TABLE measurements_2020 ALTER COLUMN at SET NOT NULL;"},
		{name: "validated check in history", history: valid, sql: "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;"},
		{name: "validated check before PG12", history: valid, sql: "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;", want: []int{1}, review: pg11},
		{name: "not valid check", history: h, sql: "ALTER TABLE customers ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE customers ALTER COLUMN email SET NOT NULL;", want: []int{2}},
		{name: "validated earlier in file", history: h, sql: "ALTER TABLE customers ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE customers VALIDATE CONSTRAINT email_nn;\nALTER TABLE customers ALTER COLUMN email SET NOT NULL;"},
		{name: "check in AND", history: append(h, "ALTER TABLE customers ADD CONSTRAINT c CHECK (id > 0 AND (email IS NOT NULL));"), sql: "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;"},
		{name: "check NOT IS NULL", history: append(h, "ALTER TABLE customers ADD CONSTRAINT c CHECK (NOT (email IS NULL));"), sql: "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;"},
		{name: "check IS NULL does not prove", history: append(h, "ALTER TABLE customers ADD CONSTRAINT c CHECK (email IS NULL OR id > 0);"), sql: "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;", want: []int{1}},
		{name: "check in OR does not prove", history: append(h, "ALTER TABLE customers ADD CONSTRAINT c CHECK (id > 0 OR email IS NOT NULL);"), sql: "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;", want: []int{1}},
		{name: "check on other column", history: append(h, "ALTER TABLE orders ADD CONSTRAINT c CHECK (note IS NOT NULL);"), sql: "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;", want: []int{1}},
		{name: "quoted column with check", history: []string{`CREATE TABLE "T" ("Col" int, CONSTRAINT nn CHECK ("Col" IS NOT NULL));`}, sql: `ALTER TABLE "T" ALTER COLUMN "Col" SET NOT NULL;`},
		{name: "quoted column without check", history: []string{`CREATE TABLE "T" ("Col" int);`}, sql: `ALTER TABLE "T" ALTER COLUMN "Col" SET NOT NULL;`, want: []int{1}},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;"},
		{name: "created and filled", sql: "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;", want: []int{3}},
		{name: "drop not null is fine", history: h, sql: "ALTER TABLE customers ALTER COLUMN email DROP NOT NULL;"},
		{name: "schema qualified", history: h, sql: "ALTER TABLE public.customers ALTER email SET NOT NULL;", want: []int{1}},
		{name: "multi-byte line", history: []string{`CREATE TABLE "日本" ("名前" text);`}, sql: "SELECT '日本語';\n-- コメント\nALTER TABLE \"日本\" ALTER COLUMN \"名前\" SET NOT NULL;", want: []int{3}},
	})
}

func TestConstraintCheckRequireNotValid(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "constraint.check-require-not-valid", []ruleTest{
		{name: "add check", history: h, sql: "ALTER TABLE orders ADD CONSTRAINT positive CHECK (amount > 0);", want: []int{1}},
		{name: "unnamed", history: h, sql: "ALTER TABLE orders ADD CHECK (amount > 0);", want: []int{1}},
		{name: "not valid", history: h, sql: "ALTER TABLE orders ADD CONSTRAINT positive CHECK (amount > 0) NOT VALID;"},
		{name: "inline on add column", history: h, sql: "ALTER TABLE orders ADD COLUMN qty int CHECK (qty > 0);", want: []int{1}},
		{name: "validate", history: h, sql: "ALTER TABLE orders VALIDATE CONSTRAINT positive;"},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD CHECK (a > 0);"},
		{name: "created and filled", sql: "CREATE TABLE t (a int);\nCOPY t FROM '/tmp/x.csv';\nALTER TABLE t ADD CHECK (a > 0);", want: []int{3}},
		{name: "quoted qualified", history: h, sql: `ALTER TABLE billing."Invoices" ADD CONSTRAINT "Positive" CHECK (total > 0);`, want: []int{1}},
		{name: "if exists", history: h, sql: "ALTER TABLE IF EXISTS orders ADD CHECK (amount > 0);", want: []int{1}},
		{name: "several on one line", history: h, sql: "BEGIN; ALTER TABLE orders ADD CHECK (amount > 0); COMMIT;", want: []int{1}},
	})
}

func TestConstraintFKRequireNotValid(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "constraint.fk-require-not-valid", []ruleTest{
		{name: "add fk", history: h, sql: "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);", want: []int{1}},
		{name: "not valid", history: h, sql: "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;"},
		{name: "inline references", history: h, sql: "ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES customers (id);", want: []int{1}},
		{name: "new table referencing existing", history: h, sql: "CREATE TABLE t (c bigint);\nALTER TABLE t ADD FOREIGN KEY (c) REFERENCES customers (id);"},
		{name: "create table with references", history: h, sql: "CREATE TABLE t (c bigint REFERENCES customers (id));"},
		{name: "existing referencing new", history: h, sql: "CREATE TABLE t (id bigint PRIMARY KEY);\nALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES t (id);", want: []int{2}},
		{name: "quoted qualified", history: h, sql: `ALTER TABLE billing."Invoices" ADD FOREIGN KEY (id) REFERENCES public.orders (id);`, want: []int{1}},
		{name: "validate later", history: h, sql: "ALTER TABLE orders VALIDATE CONSTRAINT fk;"},
	})
}

func TestConstraintUniqueRequireIndex(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "constraint.unique-require-index", []ruleTest{
		{name: "add unique", history: h, sql: "ALTER TABLE customers ADD CONSTRAINT email_key UNIQUE (email);", want: []int{1}},
		{name: "unnamed", history: h, sql: "ALTER TABLE customers ADD UNIQUE (email);", want: []int{1}},
		{name: "using index", history: h, sql: "-- dbcd:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY email_key ON customers (email);\nALTER TABLE customers ADD CONSTRAINT email_key UNIQUE USING INDEX email_key;"},
		{name: "inline unique on add column", history: h, sql: "ALTER TABLE customers ADD COLUMN handle text UNIQUE;", want: []int{1}},
		{name: "create table unique", sql: "CREATE TABLE t (a int UNIQUE);"},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD UNIQUE (a);"},
		{name: "quoted", history: h, sql: `ALTER TABLE billing."Invoices" ADD UNIQUE (total);`, want: []int{1}},
	})
}

func TestConstraintPrimaryKeyRequireIndex(t *testing.T) {
	h := []string{lkHist + `
CREATE TABLE events (id bigint NOT NULL, nullable_id bigint, payload jsonb);
CREATE UNIQUE INDEX events_id ON events (id);
CREATE UNIQUE INDEX events_nullable_id ON events (nullable_id);
`}
	runRuleTests(t, "constraint.primary-key-require-index", []ruleTest{
		{name: "add pk", history: h, sql: "ALTER TABLE events ADD PRIMARY KEY (id);", want: []int{1}},
		{name: "using index not null", history: h, sql: "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id;"},
		{name: "using index nullable", history: h, sql: "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_nullable_id;", want: []int{1}},
		{name: "using index nullable proven by check", history: append(h, "ALTER TABLE events ADD CONSTRAINT nn CHECK (nullable_id IS NOT NULL);"),
			sql: "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_nullable_id;"},
		{name: "using index set not null first", history: h, sql: "ALTER TABLE events ALTER COLUMN nullable_id SET NOT NULL;\nALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_nullable_id;"},
		{name: "using unknown index", history: h, sql: "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX nope;"},
		{name: "inline pk on add column", history: h, sql: "ALTER TABLE events ADD COLUMN pk bigserial PRIMARY KEY;", want: []int{1}},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD PRIMARY KEY (a);"},
		{name: "created and filled", sql: "CREATE TABLE t (a int);\nINSERT INTO t SELECT 1;\nALTER TABLE t ADD PRIMARY KEY (a);", want: []int{3}},
	})
}

func TestConstraintExclusion(t *testing.T) {
	h := []string{"CREATE TABLE bookings (room int, during tstzrange);"}
	runRuleTests(t, "constraint.exclusion", []ruleTest{
		{name: "add exclude", history: h, sql: "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);", want: []int{1}},
		{name: "created in file", sql: "CREATE TABLE b (during tstzrange);\nALTER TABLE b ADD EXCLUDE USING gist (during WITH &&);"},
		{name: "create table exclude", sql: "CREATE TABLE b (during tstzrange, EXCLUDE USING gist (during WITH &&));"},
		{name: "check is not exclusion", history: h, sql: "ALTER TABLE bookings ADD CHECK (room > 0) NOT VALID;"},
	})
}

func TestConstraintPartitionedHelp(t *testing.T) {
	for _, c := range []struct{ rule, sql, help string }{
		{"constraint.fk-require-not-valid", "ALTER TABLE measurements ADD FOREIGN KEY (value) REFERENCES orders (amount);", "PostgreSQL 18"},
		{"constraint.unique-require-index", "ALTER TABLE measurements ADD UNIQUE (at);", "ON ONLY"},
		{"constraint.primary-key-require-index", "ALTER TABLE measurements ADD PRIMARY KEY (at);", "ON ONLY"},
		{"constraint.unique-require-index", "ALTER TABLE orders ADD UNIQUE (note);", "USING INDEX"},
	} {
		fs := reviewCase(t, c.rule, nil, review.Options{}, lkHist, c.sql)
		if len(fs) != 1 || !lkContains(fs[0].Help, c.help) {
			t.Errorf("%s on %q: want one finding whose help mentions %q, got %v", c.rule, c.sql, c.help, fs)
		}
	}
}
