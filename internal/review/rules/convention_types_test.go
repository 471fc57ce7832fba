package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestColumnPreferJSONB(t *testing.T) {
	runRuleTests(t, "column.prefer-jsonb", []ruleTest{
		{name: "create table json", sql: "CREATE TABLE t (id bigint PRIMARY KEY, a json);", want: []int{1}},
		{name: "jsonb", sql: "CREATE TABLE t (id bigint PRIMARY KEY, a jsonb);"},
		{name: "json array", sql: "CREATE TABLE t (a json[]);", want: []int{1}},
		{name: "domain over json", history: []string{"CREATE DOMAIN doc AS json;", "CREATE TABLE t (id bigint);"}, sql: "ALTER TABLE t ALTER COLUMN id TYPE public.doc USING NULL;", want: []int{1}},
		{name: "domain over jsonb", history: []string{"CREATE DOMAIN doc AS jsonb;"}, sql: "CREATE TABLE t (a doc);"},
		{name: "qualified pg_catalog.json", sql: "ALTER TABLE public.t ADD COLUMN a pg_catalog.json;", want: []int{1}},
		{name: "alter type to json", history: []string{"CREATE TABLE t (a text);"}, sql: "ALTER TABLE t ALTER COLUMN a TYPE json USING a::json;", want: []int{1}},
		{name: "alter type to jsonb", history: []string{"CREATE TABLE t (a json);"}, sql: "ALTER TABLE t ALTER COLUMN a TYPE jsonb;"},
		{name: "upper case", sql: "CREATE TABLE T (A JSON);", want: []int{1}},
		{name: "position", sql: positionPrelude + "ALTER TABLE t ADD COLUMN IF NOT EXISTS a json;", want: []int{14}},
	})
}

func TestColumnPreferTimestamptz(t *testing.T) {
	runRuleTests(t, "column.prefer-timestamptz", []ruleTest{
		{name: "timestamp", sql: "CREATE TABLE t (a timestamp);", want: []int{1}},
		{name: "timestamp with precision", sql: "CREATE TABLE t (a timestamp(3) without time zone);", want: []int{1}},
		{name: "timestamptz", sql: "CREATE TABLE t (a timestamptz, b timestamp with time zone, c timestamp(3) with time zone);"},
		{name: "add column", sql: "ALTER TABLE \"Events\" ADD COLUMN at timestamp NOT NULL DEFAULT now();", want: []int{1}},
		{name: "time is not flagged", sql: "CREATE TABLE t (a time, b date);"},
		{name: "alter type", history: []string{"CREATE TABLE t (a timestamptz);"}, sql: "ALTER TABLE t ALTER a TYPE timestamp;", want: []int{1}},
	})
}

func TestColumnPreferBigint(t *testing.T) {
	runRuleTests(t, "column.prefer-bigint", []ruleTest{
		{name: "int", sql: "CREATE TABLE t (id int PRIMARY KEY);", want: []int{1}},
		{name: "int4, smallint, serial", sql: "CREATE TABLE t (a int4, b smallint, c serial);", want: []int{1, 1, 1}},
		{name: "bigint", sql: "CREATE TABLE t (a bigint, b int8, c bigserial, d numeric);"},
		{name: "int array is fine", sql: "CREATE TABLE t (a int[]);"},
		{name: "add column", history: []string{"CREATE TABLE public.t (id bigint);"}, sql: "ALTER TABLE t ADD COLUMN n integer;", want: []int{1}},
		{name: "widening to bigint", history: []string{"CREATE TABLE public.t (id int);"}, sql: "ALTER TABLE public.t ALTER COLUMN id TYPE bigint;"},
	})
}

func TestColumnPreferIdentity(t *testing.T) {
	runRuleTests(t, "column.prefer-identity", []ruleTest{
		{name: "serial", sql: "CREATE TABLE t (id serial PRIMARY KEY);", want: []int{1}},
		{name: "bigserial in add column", sql: "ALTER TABLE t ADD COLUMN id bigserial;", want: []int{1}},
		{name: "serial8 and smallserial", sql: "CREATE TABLE t (a serial8, b smallserial);", want: []int{1, 1}},
		{name: "identity", sql: "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"},
	})
}

func TestColumnPreferText(t *testing.T) {
	runRuleTests(t, "column.prefer-text", []ruleTest{
		{name: "varchar(n)", sql: "CREATE TABLE t (a varchar(255));", want: []int{1}},
		{name: "character varying(n)", sql: "ALTER TABLE t ADD COLUMN a character varying(10);", want: []int{1}},
		{name: "varchar without length and text", sql: "CREATE TABLE t (a varchar, b text);"},
		{name: "varchar array", sql: "CREATE TABLE t (a varchar(3)[]);", want: []int{1}},
		{name: "alter type", history: []string{"CREATE TABLE t (a text);"}, sql: "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);", want: []int{1}},
		{name: "domain over varchar(n)", history: []string{"CREATE DOMAIN public.code AS varchar(12);"}, sql: "CREATE TABLE t (a int8 PRIMARY KEY,\n b code, c code[]);", want: []int{1, 1}},
		{name: "domain in the same file", sql: "CREATE DOMAIN sku AS varchar(12);\nALTER TABLE t ADD COLUMN s public.sku;", want: []int{2}},
		{name: "domain over text", history: []string{"CREATE DOMAIN public.code AS text;"}, sql: "CREATE TABLE t (b code);"},
	})
}

func TestColumnBanChar(t *testing.T) {
	runRuleTests(t, "column.ban-char", []ruleTest{
		{name: "char(n)", sql: "CREATE TABLE t (a char(2));", want: []int{1}},
		{name: "char and character", sql: "CREATE TABLE t (a char, b character(3), c bpchar);", want: []int{1, 1, 1}},
		{name: "quoted \"char\" is another type", sql: `CREATE TABLE t (a "char");`},
		{name: "varchar is not char", sql: "CREATE TABLE t (a varchar(3), b character varying);"},
		{name: "add column", sql: "ALTER TABLE public.t ADD COLUMN IF NOT EXISTS code char(3);", want: []int{1}},
	})
}

func TestColumnTypeDisallowList(t *testing.T) {
	list := func(types ...any) map[string]any { return map[string]any{"list": types} }
	runRuleTests(t, "column.type-disallow-list", []ruleTest{
		{name: "default list: money", sql: "CREATE TABLE t (a money);", want: []int{1}},
		{name: "default list: numeric is fine", sql: "CREATE TABLE t (a numeric(10,2));"},
		{name: "empty list", sql: "CREATE TABLE t (a money);", opts: list()},
		{name: "JSON matches json", sql: "CREATE TABLE t (a json, b jsonb);", opts: list("JSON"), want: []int{1}},
		{name: "json matches json[]", sql: "CREATE TABLE t (a json[]);", opts: list("json"), want: []int{1}},
		{name: "INT matches integer", sql: "CREATE TABLE t (a integer, b int4, c bigint);", opts: list("INT"), want: []int{1, 1}},
		{name: "varchar matches varchar(20)", sql: "CREATE TABLE t (a varchar(20), b text);", opts: list("varchar"), want: []int{1}},
		{name: "varchar(20) matches only that length", sql: "CREATE TABLE t (a varchar(20), b varchar(30));", opts: list("varchar(20)"), want: []int{1}},
		{name: "timestamp matches timestamp(3)", sql: "CREATE TABLE t (a timestamp(3), b timestamptz);", opts: list("timestamp"), want: []int{1}},
		{name: "user type unqualified entry", history: []string{"CREATE TYPE public.mood AS ENUM ('a');"}, sql: "CREATE TABLE t (a public.mood);", opts: list("mood"), want: []int{1}},
		{name: "alter column type", history: []string{"CREATE TABLE t (a text);"}, sql: "ALTER TABLE t ALTER COLUMN a TYPE json USING a::json;", opts: list("json"), want: []int{1}},
		{name: "string list option", sql: "CREATE TABLE t (a json);", opts: map[string]any{"list": "json"}, want: []int{1}},
	})
}

func TestColumnTypeDisallowListMessage(t *testing.T) {
	got := reviewCase(t, "COLUMN_TYPE_DISALLOW_LIST", map[string]any{"list": []any{"JSON"}}, review.Options{}, "CREATE TABLE public.t (a json);")
	if len(got) != 1 || got[0].Message != `column "a" in "public"."t" has type json, which the policy disallows (JSON)` {
		t.Fatalf("got %+v", got)
	}
}
