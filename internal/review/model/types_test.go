package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEnums(t *testing.T) {
	tests := []struct {
		name string
		sql  string
		want *Enum
	}{
		{"create", `CREATE TYPE mood AS ENUM ('sad', 'ok')`, &Enum{Name: pub("mood"), Values: []string{"sad", "ok"}}},
		{"empty", `CREATE TYPE mood AS ENUM ()`, &Enum{Name: pub("mood")}},
		{"add value", `CREATE TYPE mood AS ENUM ('sad', 'ok'); ALTER TYPE mood ADD VALUE 'happy'`,
			&Enum{Name: pub("mood"), Values: []string{"sad", "ok", "happy"}}},
		{"before and after", `CREATE TYPE mood AS ENUM ('sad', 'ok'); ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
			ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'glad' AFTER 'sad'; ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok'`,
			&Enum{Name: pub("mood"), Values: []string{"sad", "glad", "meh", "ok"}}},
		{"rename value", `CREATE TYPE mood AS ENUM ('sad', 'ok'); ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'`,
			&Enum{Name: pub("mood"), Values: []string{"sad", "fine"}}},
		{"rename type", `CREATE TYPE m AS ENUM ('x'); ALTER TYPE m RENAME TO mood`, &Enum{Name: pub("mood"), Values: []string{"x"}}},
		{"replaced", `CREATE TYPE mood AS ENUM ('x'); CREATE TYPE mood AS ENUM ('y')`, &Enum{Name: pub("mood"), Values: []string{"y"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, build(t, tt.sql).Enum(pub("mood")), cmpOpts); diff != "" {
				t.Errorf("enum (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDomains(t *testing.T) {
	tests := []struct {
		name string
		sql  string
		want *Domain
	}{
		{"plain", `CREATE DOMAIN d AS varchar(10)`, &Domain{Name: pub("d"), BaseType: "character varying(10)"}},
		{"constraints", `CREATE DOMAIN d AS int NOT NULL DEFAULT 1 CHECK (VALUE > 0) CONSTRAINT small CHECK (VALUE < 10) CHECK (VALUE <> 5)`,
			&Domain{Name: pub("d"), BaseType: "integer", NotNull: true, Default: "1",
				Checks: []string{"value > 0", "value < 10", "value <> 5"}, CheckNames: []string{"d_check", "small", "d_check1"}}},
		{"alter", `CREATE DOMAIN d AS int CHECK (VALUE > 0); ALTER DOMAIN d ADD CONSTRAINT odd CHECK (VALUE % 2 = 1) NOT VALID;
			ALTER DOMAIN d DROP CONSTRAINT d_check; ALTER DOMAIN d SET NOT NULL; ALTER DOMAIN d SET DEFAULT 1;
			ALTER DOMAIN d RENAME CONSTRAINT odd TO is_odd; ALTER DOMAIN d DROP CONSTRAINT IF EXISTS nope; ALTER DOMAIN d VALIDATE CONSTRAINT is_odd`,
			&Domain{Name: pub("d"), BaseType: "integer", NotNull: true, Default: "1", Checks: []string{"(value % 2) = 1"}, CheckNames: []string{"is_odd"}}},
		{"drop not null and default", `CREATE DOMAIN d AS int NOT NULL DEFAULT 0; ALTER DOMAIN d DROP NOT NULL; ALTER DOMAIN d DROP DEFAULT`,
			&Domain{Name: pub("d"), BaseType: "integer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, build(t, tt.sql).Domain(pub("d")), cmpOpts); diff != "" {
				t.Errorf("domain (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompositeTypes(t *testing.T) {
	s := build(t, `CREATE TYPE pair AS (l int, r text COLLATE "C"); ALTER TYPE pair RENAME ATTRIBUTE l TO left_side`)
	want := &CompositeType{Name: pub("pair"), Attributes: []*Column{col("left_side", "integer"), {Name: "r", Type: "text", Collation: "C"}}}
	if diff := cmp.Diff(want, s.Composite(pub("pair"))); diff != "" {
		t.Errorf("composite (-want +got):\n%s", diff)
	}
}

func TestFunctions(t *testing.T) {
	fn := func(name string, args []string, returns, vol, kind string) *Function {
		return &Function{Name: pub(name), Args: args, Returns: returns, Volatility: vol, Kind: kind}
	}
	tests := []struct {
		name string
		sql  string
		want []*Function // overloads of f
	}{
		{"default volatility", `CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'`,
			[]*Function{fn("f", nil, "integer", Volatile, FuncFunction)}},
		{"volatility options", `CREATE FUNCTION f(a int, OUT b text, VARIADIC c int[]) LANGUAGE sql IMMUTABLE AS 'select 1';
			CREATE FUNCTION f(timestamptz) RETURNS SETOF text LANGUAGE sql STABLE AS 'select 1'`,
			[]*Function{fn("f", []string{"integer", "integer[]"}, "", Immutable, FuncFunction),
				fn("f", []string{"timestamp with time zone"}, "setof text", Stable, FuncFunction)}},
		{"or replace", `CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 1';
			CREATE OR REPLACE FUNCTION f(integer) RETURNS int LANGUAGE sql IMMUTABLE AS 'select 2'`,
			[]*Function{fn("f", []string{"integer"}, "integer", Immutable, FuncFunction)}},
		{"alter", `CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 1'; ALTER FUNCTION f(int4) STABLE;
			ALTER FUNCTION f(text) IMMUTABLE`,
			[]*Function{fn("f", []string{"integer"}, "integer", Stable, FuncFunction)}},
		{"procedure", `CREATE PROCEDURE f(x int) LANGUAGE sql AS 'select 1'`,
			[]*Function{fn("f", []string{"integer"}, "", Volatile, FuncProcedure)}},
		{"aggregate", `CREATE AGGREGATE f(int) (sfunc = int4pl, stype = int)`,
			[]*Function{fn("f", []string{"integer"}, "", Immutable, FuncAggregate)}},
		{"returns table", `CREATE FUNCTION f() RETURNS TABLE (a int) LANGUAGE sql STABLE AS 'select 1'`,
			[]*Function{fn("f", nil, "setof integer", Stable, FuncFunction)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, build(t, tt.sql).Function(pub("f")), cmpOpts); diff != "" {
				t.Errorf("overloads (-want +got):\n%s", diff)
			}
		})
	}
}

func TestViewsAndSequences(t *testing.T) {
	s := build(t, `CREATE TABLE t (a int, b text);
		CREATE VIEW v1 AS SELECT a, b AS bee, lower(b), a::bigint AS big, 1, t.a + 1 FROM t;
		CREATE VIEW v2 (x, y) AS SELECT * FROM t;
		CREATE OR REPLACE VIEW v2 AS SELECT a FROM t UNION SELECT 2;
		CREATE VIEW v3 AS SELECT * FROM t, t AS u;
		CREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT b FROM t WITH NO DATA;
		CREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT a FROM t;
		CREATE SEQUENCE IF NOT EXISTS q START 10; CREATE UNLOGGED SEQUENCE q2`)
	want := []*Relation{
		{Name: pub("m"), Kind: KindMatView, Columns: []*Column{col("b", "text")}},
		sequence("q"), {Name: pub("q2"), Kind: KindSequence, Unlogged: true},
		{Name: pub("t"), Kind: KindTable, Columns: []*Column{col("a", "integer"), col("b", "text")}},
		{Name: pub("v1"), Kind: KindView, Columns: []*Column{
			col("a", "integer"), col("bee", "text"), col("lower", ""), col("big", "bigint"), col("?column?", ""), col("?column?", ""),
		}},
		{Name: pub("v2"), Kind: KindView, Columns: []*Column{col("a", "integer")}},
		{Name: pub("v3"), Kind: KindView},
	}
	if diff := cmp.Diff(want, s.Relations(), cmpOpts); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
}
