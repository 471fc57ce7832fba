package rules

import "testing"

func TestBBCharsetAllowlist(t *testing.T) {
	runRuleTests(t, "system.charset.allowlist", []ruleTest{
		{name: "latin1", sql: "CREATE DATABASE d ENCODING 'LATIN1';", want: []int{1}},
		{name: "utf8", sql: "CREATE DATABASE d ENCODING 'UTF8';"},
		{name: "utf-8 spelled differently", sql: "CREATE DATABASE d WITH ENCODING = 'utf-8';"},
		{name: "no encoding", sql: "CREATE DATABASE d;"},
		{name: "custom list", opts: map[string]any{"list": []any{"latin1"}}, sql: "CREATE DATABASE d ENCODING 'LATIN1';\nCREATE DATABASE e ENCODING 'UTF8';", want: []int{2}},
		{name: "empty list allows nothing", opts: map[string]any{"list": []any{}}, sql: "CREATE DATABASE d ENCODING 'UTF8';", want: []int{1}},
	})
}

func TestBBCollationAllowlist(t *testing.T) {
	c := map[string]any{"list": []any{"C", "und-x-icu"}}
	runRuleTests(t, "system.collation.allowlist", []ruleTest{
		{name: "any collation with the empty default", sql: "CREATE TABLE t (a text COLLATE \"C\");", want: []int{1}},
		{name: "no collation", sql: "CREATE TABLE t (a text);"},
		{name: "listed", opts: c, sql: "CREATE TABLE t (a text COLLATE \"C\", b text COLLATE pg_catalog.\"und-x-icu\");"},
		{name: "not listed", opts: c, sql: "CREATE TABLE t (a text COLLATE \"de-x-icu\");", want: []int{1}},
		{name: "add column", opts: c, sql: "ALTER TABLE t ADD COLUMN a text COLLATE \"POSIX\";", want: []int{1}},
		{name: "alter type", opts: c, sql: "ALTER TABLE t ALTER COLUMN a TYPE text COLLATE \"POSIX\";", want: []int{1}},
		{name: "expression", opts: c, sql: "SELECT a FROM t WHERE a > 'x' ORDER BY a COLLATE \"en_US\";", want: []int{1}},
		{name: "index column", opts: c, sql: "CREATE INDEX i ON t (a COLLATE \"en_US\");", want: []int{1}},
		{name: "domain", opts: c, sql: "CREATE DOMAIN d AS text COLLATE \"en_US\";", want: []int{1}},
		{name: "database lc_collate", opts: c, sql: "CREATE DATABASE d LC_COLLATE 'en_US.UTF-8' TEMPLATE template0;", want: []int{1}},
		{name: "database locale", opts: c, sql: "CREATE DATABASE d LOCALE 'C' TEMPLATE template0;"},
		{name: "case-insensitive", opts: c, sql: "CREATE TABLE t (a text COLLATE \"c\");"},
		{name: "same collation reported once", opts: c, sql: "CREATE TABLE t (a text COLLATE \"x\", b text COLLATE \"x\");", want: []int{1}},
	})
}
