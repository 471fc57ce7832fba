package rules

import (
	"testing"

	"github.com/dbcd/dbcd/internal/review"
)

func TestBBTableNoForeignKey(t *testing.T) {
	runRuleTests(t, "table.no-foreign-key", []ruleTest{
		{name: "inline references", sql: "CREATE TABLE c (id int PRIMARY KEY);\nCREATE TABLE o (id int, c_id int REFERENCES c);", want: []int{2}},
		{name: "table constraint", sql: "CREATE TABLE o (id int, c_id int,\n  CONSTRAINT fk FOREIGN KEY (c_id) REFERENCES c (id));", want: []int{1}},
		{name: "add constraint on history table", history: []string{"CREATE TABLE o (id int, c_id int);"},
			sql: "ALTER TABLE public.o ADD CONSTRAINT fk FOREIGN KEY (c_id) REFERENCES c (id) NOT VALID;", want: []int{1}},
		{name: "add column references", sql: `ALTER TABLE "O" ADD COLUMN c_id int REFERENCES c;`, want: []int{1}},
		{name: "two foreign keys", sql: "CREATE TABLE o (a int REFERENCES x, b int REFERENCES y);", want: []int{1, 1}},
		{name: "no foreign key", sql: "CREATE TABLE o (id int PRIMARY KEY, c_id int UNIQUE, CHECK (c_id > 0));"},
		{name: "alias table.no-fk", sql: "CREATE TABLE o (c_id int REFERENCES c);", want: []int{1}},
	})
	if r, ok := testCatalog.Lookup("table.no-fk"); !ok || r.ID != "table.no-foreign-key" {
		t.Errorf("alias table.no-fk does not name table.no-foreign-key")
	}
	if r, ok := testCatalog.Lookup("TABLE_NO_FOREIGN_KEY"); !ok || r.ID != "table.no-foreign-key" {
		t.Errorf("alias TABLE_NO_FOREIGN_KEY does not name table.no-foreign-key")
	}
}

func TestBBTableDropNamingConvention(t *testing.T) {
	hist := []string{"CREATE TABLE orders (id int);\nCREATE TABLE orders_del (id int);\nCREATE SCHEMA s;\nCREATE TABLE s.old_del (id int);"}
	runRuleTests(t, "table.drop-naming-convention", []ruleTest{
		{name: "seed case", history: hist, sql: "DROP TABLE orders;", want: []int{1}},
		{name: "renamed first", history: hist, sql: "DROP TABLE orders_del;"},
		{name: "if exists", history: hist, sql: "DROP TABLE IF EXISTS orders;", want: []int{1}},
		{name: "schema-qualified", history: hist, sql: "DROP TABLE s.old_del;\nDROP TABLE public.orders;", want: []int{2}},
		{name: "several tables, one finding each", history: hist, sql: "DROP TABLE orders, orders_del, missing;", want: []int{1, 1}},
		{name: "quoted name keeps case", sql: `DROP TABLE "Orders_DEL";`, want: []int{1}},
		{name: "quoted matching name", sql: `DROP TABLE "x_del";`},
		{name: "created in this file is still checked", sql: "CREATE TABLE tmp (id int);\nDROP TABLE tmp;", want: []int{2}},
		{name: "custom format", opts: map[string]any{"format": "^archive_"}, sql: "DROP TABLE archive_orders;\nDROP TABLE orders_del;", want: []int{2}},
		{name: "invalid format is reported", opts: map[string]any{"format": "(["}, sql: "DROP TABLE t;", want: []int{1}},
		{name: "drop view is not a table", sql: "DROP VIEW v;"},
	})
}

func TestBBTableDisallowPartition(t *testing.T) {
	runRuleTests(t, "table.disallow-partition", []ruleTest{
		{name: "partition by", sql: "CREATE TABLE e (id int, at date)\n  PARTITION BY RANGE (at);", want: []int{1}},
		{name: "attach partition", history: []string{"CREATE TABLE e (id int, at date) PARTITION BY RANGE (at);\nCREATE TABLE e1 (id int, at date);"},
			sql: "ALTER TABLE e ATTACH PARTITION e1 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');", want: []int{1}},
		{name: "plain table", sql: "CREATE TABLE e (id int, at date);"},
		{name: "detach is allowed", sql: "ALTER TABLE e DETACH PARTITION e1;"},
	})
}

// TestBBPresetOptions checks that the options the bytebase presets set are
// options of the rules, and that every Bytebase-only rule of the Prod
// template is in the catalog.
func TestBBPresetOptions(t *testing.T) {
	for _, name := range []string{"bytebase-prod", "bytebase-dev", "bytebase-sample"} {
		pol, ok := testCatalog.Preset(name)
		if !ok {
			t.Fatalf("no preset %s", name)
		}
		for id, s := range pol.Rules {
			r, _ := testCatalog.Lookup(id)
			if r == nil || r.Category != review.CategoryBytebase {
				continue
			}
			for opt := range s.Options {
				if _, ok := r.Options[opt]; !ok {
					t.Errorf("%s sets option %q of %s, which the rule does not have", name, opt, id)
				}
			}
		}
	}
	prod, _ := testCatalog.Preset("bytebase-prod")
	for _, r := range bytebaseRules() {
		if r.Level != review.Off || r.Category != review.CategoryBytebase {
			t.Errorf("%s: level %v, category %s; want off, bytebase", r.ID, r.Level, r.Category)
		}
		if _, ok := prod.Rules[r.ID]; !ok && r.ID != "system.collation.allowlist" {
			t.Errorf("%s is not enabled by bytebase-prod", r.ID)
		}
	}
}
