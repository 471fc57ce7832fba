package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestColumnAddVolatileDefault(t *testing.T) {
	h := []string{lkHist + `
CREATE FUNCTION stable_fn() RETURNS int LANGUAGE sql STABLE AS $$ SELECT 1 $$;
CREATE FUNCTION volatile_fn() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE DOMAIN plain_int AS int;
CREATE DOMAIN strict_positive AS positive;
`}
	pg10 := review.Options{PGVersion: 10}
	runRuleTests(t, "column.add-volatile-default", []ruleTest{
		{name: "gen_random_uuid", history: h, sql: "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();", want: []int{1}},
		{name: "random in arithmetic", history: h, sql: "ALTER TABLE orders ADD COLUMN r int DEFAULT (random() * 10)::int;", want: []int{1}},
		{name: "clock_timestamp", history: h, sql: "ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT clock_timestamp();", want: []int{1}},
		{name: "pg_catalog qualified", history: h, sql: "ALTER TABLE orders ADD COLUMN at text DEFAULT pg_catalog.timeofday();", want: []int{1}},
		{name: "nextval", history: h, sql: "CREATE SEQUENCE s;\nALTER TABLE orders ADD COLUMN n bigint DEFAULT nextval('s');", want: []int{2}},
		{name: "serial", history: h, sql: "ALTER TABLE orders ADD COLUMN n bigserial;", want: []int{1}},
		{name: "smallserial", history: h, sql: "ALTER TABLE orders ADD COLUMN n smallserial;", want: []int{1}},
		{name: "unknown function", history: h, sql: "ALTER TABLE orders ADD COLUMN n int DEFAULT make_n();", want: []int{1}},
		{name: "user volatile function", history: h, sql: "ALTER TABLE orders ADD COLUMN n int DEFAULT volatile_fn();", want: []int{1}},
		{name: "user stable function", history: h, sql: "ALTER TABLE orders ADD COLUMN n int DEFAULT stable_fn();"},
		{name: "user stable function qualified", history: h, sql: "ALTER TABLE orders ADD COLUMN n int DEFAULT public.stable_fn();"},
		{name: "user function created in file", history: h, sql: "CREATE FUNCTION f2() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 2 $$;\nALTER TABLE orders ADD COLUMN n int DEFAULT f2();"},
		{name: "constrained domain", history: h, sql: "ALTER TABLE orders ADD COLUMN qty positive;", want: []int{1}},
		{name: "domain over constrained domain", history: h, sql: "ALTER TABLE orders ADD COLUMN qty strict_positive DEFAULT 1;", want: []int{1}},
		{name: "plain domain", history: h, sql: "ALTER TABLE orders ADD COLUMN qty plain_int DEFAULT 1;"},
		{name: "now", history: h, sql: "ALTER TABLE orders ADD COLUMN at timestamptz NOT NULL DEFAULT now();"},
		{name: "current_timestamp", history: h, sql: "ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT CURRENT_TIMESTAMP;"},
		{name: "current_date plus one", history: h, sql: "ALTER TABLE orders ADD COLUMN d date DEFAULT CURRENT_DATE + 1;"},
		{name: "current_user", history: h, sql: "ALTER TABLE orders ADD COLUMN who text DEFAULT current_user;"},
		{name: "constant arithmetic", history: h, sql: "ALTER TABLE orders ADD COLUMN n int DEFAULT (12*5);"},
		{name: "cast", history: h, sql: "ALTER TABLE orders ADD COLUMN j jsonb DEFAULT '{}'::jsonb;"},
		{name: "no default", history: h, sql: "ALTER TABLE orders ADD COLUMN n int;"},
		{name: "pre 11 constant default", history: h, sql: "ALTER TABLE orders ADD COLUMN n int DEFAULT 0;", want: []int{1}, review: pg10},
		{name: "pre 11 default null", history: h, sql: "ALTER TABLE orders ADD COLUMN n int DEFAULT NULL;", review: pg10},
		{name: "pre 11 no default", history: h, sql: "ALTER TABLE orders ADD COLUMN n int;", review: pg10},
		{name: "pre 11 default cast null", history: h, sql: "ALTER TABLE orders ADD COLUMN s character varying DEFAULT NULL::character varying;", review: pg10},
		{name: "pre 11 default double cast null", history: h, sql: "ALTER TABLE orders ADD COLUMN s varchar(20) DEFAULT NULL::text::varchar(20);", review: pg10},
		{name: "pre 11 default cast constant", history: h, sql: "ALTER TABLE orders ADD COLUMN s text DEFAULT ''::text;", want: []int{1}, review: pg10},
		{name: "range constructor over now", history: h, sql: "ALTER TABLE orders ADD COLUMN valid tstzrange NOT NULL DEFAULT tstzrange(now(), NULL);"},
		{name: "identity is another rule", history: h, sql: "ALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;"},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();"},
		{name: "created and filled", sql: "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();", want: []int{3}},
		{name: "quoted schema", history: h, sql: `ALTER TABLE billing."Invoices" ADD COLUMN "Token" uuid DEFAULT gen_random_uuid();`, want: []int{1}},
		{name: "if exists", history: h, sql: "ALTER TABLE IF EXISTS orders ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();", want: []int{1}},
		{name: "two columns one finding each", history: h, sql: "ALTER TABLE orders\n  ADD COLUMN a uuid DEFAULT gen_random_uuid(),\n  ADD COLUMN b float DEFAULT random();", want: []int{1, 1}},
		{name: "after function body", history: h, sql: "CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $f$\nBEGIN\n  ALTER TABLE orders ADD COLUMN x uuid DEFAULT gen_random_uuid();\nEND\n$f$;\nALTER TABLE orders ADD COLUMN y uuid DEFAULT gen_random_uuid();", want: []int{6}},
	})
}

func TestColumnAddIdentity(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "column.add-identity", []ruleTest{
		{name: "always", history: h, sql: "ALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;", want: []int{1}},
		{name: "by default", history: h, sql: "ALTER TABLE orders ADD COLUMN n bigint GENERATED BY DEFAULT AS IDENTITY;", want: []int{1}},
		{name: "identity on existing column", history: h, sql: "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL, ALTER COLUMN customer_id ADD GENERATED BY DEFAULT AS IDENTITY;"},
		{name: "plain column", history: h, sql: "ALTER TABLE orders ADD COLUMN n bigint;"},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;"},
		{name: "quoted", history: h, sql: `ALTER TABLE billing."Invoices" ADD COLUMN "N" bigint GENERATED ALWAYS AS IDENTITY;`, want: []int{1}},
		{name: "several on a line", history: h, sql: "SELECT 1; SELECT 2; ALTER TABLE orders ADD n bigint GENERATED ALWAYS AS IDENTITY;", want: []int{1}},
	})
}

func TestColumnAddGeneratedStored(t *testing.T) {
	h := []string{lkHist}
	runRuleTests(t, "column.add-generated-stored", []ruleTest{
		{name: "stored", history: h, sql: "ALTER TABLE orders ADD COLUMN doubled numeric GENERATED ALWAYS AS (amount * 2) STORED;", want: []int{1}},
		{name: "plain", history: h, sql: "ALTER TABLE orders ADD COLUMN doubled numeric;"},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED;"},
		{name: "created in history", history: []string{"CREATE TABLE t (a int);"}, sql: "ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED;", want: []int{1}},
		{name: "after nested comment", history: h, sql: "/* a /* b */ c */\nALTER TABLE orders ADD COLUMN d numeric GENERATED ALWAYS AS (amount * 2) STORED;", want: []int{2}},
	})
}
