package rules

import "testing"

func TestColumnChangeType(t *testing.T) {
	h := []string{lkHist + `
CREATE TABLE t2 (v varchar, x text, n numeric, ts timestamp(3), c cidr, b bit varying(4), i interval(2), arr varchar(10)[], k int);
CREATE TYPE mood AS ENUM ('ok');
CREATE TABLE t3 (m mood, s text COLLATE "C");
`}
	runRuleTests(t, "column.change-type", []ruleTest{
		{name: "same type", history: h, sql: "ALTER TABLE orders ALTER COLUMN id TYPE bigint;"},
		{name: "int to bigint", history: h, sql: "ALTER TABLE t2 ALTER COLUMN k TYPE bigint;", want: []int{1}},
		{name: "int to int4", history: h, sql: "ALTER TABLE t2 ALTER COLUMN k TYPE int4;"},
		{name: "bigint to int", history: h, sql: "ALTER TABLE orders ALTER COLUMN customer_id TYPE integer;", want: []int{1}},
		{name: "varchar widen", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);"},
		{name: "varchar same", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE character varying(20);"},
		{name: "varchar shrink", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(10);", want: []int{1}},
		{name: "varchar to text", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE text;"},
		{name: "varchar drop limit", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar;"},
		{name: "varchar to char", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE char(20);", want: []int{1}},
		{name: "text to varchar", history: h, sql: "ALTER TABLE t2 ALTER COLUMN x TYPE varchar;"},
		{name: "text to varchar(n)", history: h, sql: "ALTER TABLE t2 ALTER COLUMN x TYPE varchar(10);", want: []int{1}},
		{name: "varchar to text unlimited", history: h, sql: "ALTER TABLE t2 ALTER COLUMN v TYPE text;"},
		{name: "unlimited varchar to varchar(n)", history: h, sql: "ALTER TABLE t2 ALTER COLUMN v TYPE varchar(5);", want: []int{1}},
		{name: "numeric precision up", history: h, sql: "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);"},
		{name: "numeric scale change", history: h, sql: "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,3);", want: []int{1}},
		{name: "numeric precision down", history: h, sql: "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(9,2);", want: []int{1}},
		{name: "numeric drop limit", history: h, sql: "ALTER TABLE orders ALTER COLUMN amount TYPE numeric;"},
		{name: "unlimited numeric to limited", history: h, sql: "ALTER TABLE t2 ALTER COLUMN n TYPE numeric(10,2);", want: []int{1}},
		{name: "timestamp to timestamptz", history: h, sql: "ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;", want: []int{1}},
		{name: "timestamp precision up", history: h, sql: "ALTER TABLE t2 ALTER COLUMN ts TYPE timestamp(6);"},
		{name: "timestamp precision dropped", history: h, sql: "ALTER TABLE t2 ALTER COLUMN ts TYPE timestamp;"},
		{name: "timestamp precision down", history: h, sql: "ALTER TABLE t2 ALTER COLUMN ts TYPE timestamp(0);", want: []int{1}},
		{name: "cidr to inet", history: h, sql: "ALTER TABLE t2 ALTER COLUMN c TYPE inet;"},
		{name: "varbit widen", history: h, sql: "ALTER TABLE t2 ALTER COLUMN b TYPE varbit(8);"},
		{name: "interval precision up", history: h, sql: "ALTER TABLE t2 ALTER COLUMN i TYPE interval(4);"},
		{name: "array element widen not proven", history: h, sql: "ALTER TABLE t2 ALTER COLUMN arr TYPE varchar(20)[];", want: []int{1}},
		{name: "using clause", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE text USING trim(note);", want: []int{1}},
		{name: "using the bare column", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(40) USING note;"},
		{name: "using a cast to the new type", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(40) USING (note::varchar(40));"},
		{name: "using a cast to another type", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(40) USING note::text;", want: []int{1}},
		{name: "using a cast that shortens", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(40) USING note::varchar(5);", want: []int{1}},
		{name: "using another column", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(40) USING customer_id::varchar(40);", want: []int{1}},
		{name: "using a cast, not binary-coercible", history: h, sql: "ALTER TABLE orders ALTER COLUMN customer_id TYPE int USING customer_id::int;", want: []int{1}},
		{name: "same enum", history: h, sql: "ALTER TABLE t3 ALTER COLUMN m TYPE mood;"},
		{name: "collation change", history: h, sql: `ALTER TABLE t3 ALTER COLUMN s TYPE text COLLATE "en_US";`, want: []int{1}},
		{name: "collation dropped", history: h, sql: "ALTER TABLE t3 ALTER COLUMN s TYPE text;", want: []int{1}},
		{name: "same collation", history: h, sql: `ALTER TABLE t3 ALTER COLUMN s TYPE text COLLATE "C";`},
		{name: "unknown column", history: h, sql: "ALTER TABLE orders ALTER COLUMN nope TYPE text;", want: []int{1}},
		{name: "unknown table", sql: "ALTER TABLE nowhere ALTER COLUMN a TYPE text;", want: []int{1}},
		{name: "created in file", sql: "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;"},
		{name: "created and filled", sql: "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nALTER TABLE t ALTER COLUMN a TYPE bigint;", want: []int{3}},
		{name: "quoted qualified", history: h, sql: `ALTER TABLE billing."Invoices" ALTER COLUMN total TYPE integer;`, want: []int{1}},
		{name: "if exists", history: h, sql: "ALTER TABLE IF EXISTS orders ALTER COLUMN customer_id TYPE integer;", want: []int{1}},
		{name: "widened earlier in file", history: h, sql: "ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);\nALTER TABLE orders ALTER COLUMN note TYPE varchar(40);", want: []int{2}},
		{name: "after DO block", history: h, sql: "DO $$ BEGIN PERFORM 1; END $$;\n\n\nALTER TABLE orders ALTER COLUMN customer_id TYPE int;", want: []int{4}},
	})
}
