package rules

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestNamingIdentifierLength(t *testing.T) {
	long := strings.Repeat("a", 64)
	ok63 := strings.Repeat("a", 63)
	// 32 two-byte characters: 32 characters, 64 bytes.
	accents := strings.Repeat("é", 32)
	runRuleTests(t, "naming.identifier-length", []ruleTest{
		{name: "64 bytes", sql: "CREATE TABLE " + long + " (a int);", want: []int{1}},
		{name: "63 bytes", sql: "CREATE TABLE " + ok63 + " (a int);"},
		{name: "multi-byte below 63 characters", sql: `CREATE TABLE t ("` + accents + `" int);`, want: []int{1}},
		{name: "quoted", sql: `ALTER TABLE public.t ADD CONSTRAINT "` + long + `" CHECK (a > 0) NOT VALID;`, want: []int{1}},
		{name: "upper case folds, same length", sql: "CREATE INDEX " + strings.ToUpper(long) + " ON public.t (a);", want: []int{1}},
		{name: "string constants are not identifiers", sql: "INSERT INTO public.t (a) VALUES ('" + long + "');"},
		{name: "function body is not checked", sql: "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 AS " + long + " $$;"},
		{name: "once per statement", sql: "CREATE TABLE t (" + long + " int, CHECK (" + long + " > 0));", want: []int{1}},
		{name: "position after multi-byte names", sql: positionPrelude + `CREATE TABLE "données" ("prénom" text);` + "\nALTER TABLE t ADD COLUMN " + long + " int;", want: []int{15}},
	})
	got := reviewCase(t, "naming.identifier-length", nil, review.Options{}, `CREATE TABLE t ("`+accents+`" int);`)
	if len(got) != 1 || !strings.Contains(got[0].Message, "64 bytes") || !strings.Contains(got[0].Message, `"`+strings.Repeat("é", 31)+`"`) {
		t.Errorf("got %+v", got)
	}
}

func TestNamingConvention(t *testing.T) {
	all := map[string]any{
		"table": "^[a-z]+$", "column": "^[a-z_]+$", "index": "^idx_", "unique": "^uk_",
		"primary": "^pk_", "foreign": "^fk_", "check": "^ck_",
	}
	runRuleTests(t, "naming.convention", []ruleTest{
		{name: "default: quoted mixed case table and column", sql: `CREATE TABLE "UserAccount" ("Id" int);`, want: []int{1, 1}},
		{name: "default: snake case", sql: "CREATE TABLE public.user_account (id int, created_at timestamptz);"},
		{name: "default: unquoted upper case folds", sql: "CREATE TABLE UserAccount (Id int);"},
		{name: "default: select into a quoted table", sql: `SELECT 1 AS a INTO "UserCopy";`, want: []int{1}},
		{name: "default: select into a snake case table", sql: "SELECT 1 AS a INTO user_copy;"},
		{name: "default: index names unchecked", sql: `CREATE INDEX "Weird Index" ON t (a);`},
		{name: "all kinds ok", opts: all, sql: "CREATE TABLE t (a int CONSTRAINT pk_t PRIMARY KEY, b int CONSTRAINT uk_b UNIQUE, c int CONSTRAINT fk_c REFERENCES o (id), d int, CONSTRAINT ck_d CHECK (d > 0));\nCREATE INDEX idx_t_d ON t (d);\nCREATE UNIQUE INDEX uk_t_c ON t (c);"},
		{name: "all kinds bad", opts: all, sql: "CREATE TABLE t1 (a int CONSTRAINT t_pk PRIMARY KEY, b int CONSTRAINT b_uk UNIQUE, c int CONSTRAINT c_fk REFERENCES o (id), d int, CONSTRAINT d_ck CHECK (d > 0));", want: []int{1, 1, 1, 1, 1}},
		{name: "unnamed constraints are not checked", opts: all, sql: "CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int REFERENCES o (id), d int CHECK (d > 0));"},
		{name: "index kinds", opts: all, sql: "CREATE INDEX t_a ON t (a);\nCREATE UNIQUE INDEX t_b ON t (b);", want: []int{1, 2}},
		{name: "alter table", opts: all, sql: "ALTER TABLE t ADD COLUMN colB int, ADD CONSTRAINT t_check CHECK (b > 0) NOT VALID;", want: []int{1}},
		{name: "renames", opts: all, history: []string{"CREATE TABLE t (a int, CONSTRAINT ck_a CHECK (a > 0));\nCREATE UNIQUE INDEX uk_t_a ON t (a);"},
			sql: "ALTER TABLE t RENAME TO tt2;\nALTER TABLE tt2 RENAME COLUMN a TO a1;\nALTER TABLE tt2 RENAME CONSTRAINT ck_a TO a_check;\nALTER INDEX uk_t_a RENAME TO t_a_key;", want: []int{1, 2, 3, 4}},
		{name: "empty option unchecks", opts: map[string]any{"table": "", "column": ""}, sql: `CREATE TABLE "UserAccount" ("Id" int);`},
		{name: "invalid regex", opts: map[string]any{"table": "("}, sql: "CREATE TABLE t (a int);", want: []int{1}},
		{name: "position", sql: positionPrelude + `ALTER TABLE t ADD COLUMN "NickName" text;`, want: []int{14}},
	})
}
