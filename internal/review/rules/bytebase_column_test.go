package rules

import "testing"

func TestBBColumnMaximumCharacterLength(t *testing.T) {
	runRuleTests(t, "column.maximum-character-length", []ruleTest{
		{name: "char 100", sql: "CREATE TABLE t (a char(100));", want: []int{1}},
		{name: "character 21", sql: "CREATE TABLE t (a character(21), b char(20));", want: []int{1}},
		{name: "char without length", sql: "CREATE TABLE t (a char, b \"char\");"},
		{name: "varchar is fine", sql: "CREATE TABLE t (a varchar(100), b text);"},
		{name: "array of char", sql: "CREATE TABLE t (a char(30)[]);", want: []int{1}},
		{name: "add column", history: []string{"CREATE TABLE t (id int);"}, sql: "ALTER TABLE t ADD COLUMN a char(50);", want: []int{1}},
		{name: "alter type", history: []string{"CREATE TABLE t (a text);"}, sql: "ALTER TABLE t ALTER COLUMN a TYPE char(50);", want: []int{1}},
		{name: "custom limit", opts: map[string]any{"number": 200}, sql: "CREATE TABLE t (a char(100));"},
	})
}
