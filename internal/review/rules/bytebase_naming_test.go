package rules

import (
	"strings"
	"testing"
)

func TestBBNamingTable(t *testing.T) {
	runRuleTests(t, "naming.table", []ruleTest{
		{name: "camel case quoted", sql: `CREATE TABLE "OrderItems" (id int);`, want: []int{1}},
		{name: "unquoted folds to lower case", sql: "CREATE TABLE OrderItems (id int);"},
		{name: "digits are not in the default format", sql: "CREATE TABLE t1 (id int);", want: []int{1}},
		{name: "schema-qualified name checks the table part", sql: "CREATE TABLE \"My\".order_items (id int);"},
		{name: "create table as", sql: "CREATE TABLE \"Copy\" AS SELECT 1 AS a;", want: []int{1}},
		{name: "select into", sql: "SELECT 1 AS a INTO \"Copy\";", want: []int{1}},
		{name: "rename", history: []string{"CREATE TABLE orders (id int);"}, sql: "ALTER TABLE orders RENAME TO \"Orders\";", want: []int{1}},
		{name: "rename column is not a table", history: []string{"CREATE TABLE orders (id int);"}, sql: "ALTER TABLE orders RENAME COLUMN id TO \"Id\";"},
		// The parser truncates identifiers to 63 bytes, as PostgreSQL does,
		// so only a maxLength under 63 can fire.
		{name: "too long", opts: map[string]any{"maxLength": 20}, sql: "CREATE TABLE " + strings.Repeat("a", 21) + " (id int);", want: []int{1}},
		{name: "longer than 63 bytes is truncated first", sql: "CREATE TABLE " + strings.Repeat("a", 65) + " (id int);"},
		{name: "multi-byte length counts bytes", opts: map[string]any{"format": ".", "maxLength": 10}, sql: "CREATE TABLE \"ééééééé\" (id int);", want: []int{1}},
		{name: "both format and length", opts: map[string]any{"format": "^a+$", "maxLength": 3}, sql: "CREATE TABLE bbbb (id int);", want: []int{1, 1}},
		{name: "custom format", opts: map[string]any{"format": "^tbl_"}, sql: "CREATE TABLE tbl_orders (id int);\nCREATE TABLE orders (id int);", want: []int{2}},
		{name: "views are not tables", sql: "CREATE VIEW \"V\" AS SELECT 1;"},
	})
}

func TestBBNamingColumn(t *testing.T) {
	hist := []string{"CREATE TABLE t (id int);"}
	runRuleTests(t, "naming.column", []ruleTest{
		{name: "create table", sql: "CREATE TABLE t (id int,\n  \"userId\" int, user_name text);", want: []int{1}},
		{name: "add column", history: hist, sql: "ALTER TABLE t ADD COLUMN \"createdAt\" timestamptz;", want: []int{1}},
		{name: "rename column", history: hist, sql: "ALTER TABLE t RENAME COLUMN id TO \"ID\";", want: []int{1}},
		{name: "good names", history: hist, sql: "ALTER TABLE t ADD COLUMN created_at timestamptz;\nALTER TABLE t RENAME COLUMN id TO order_id;"},
		{name: "too long", opts: map[string]any{"maxLength": 62}, sql: "CREATE TABLE t (" + strings.Repeat("c", 65) + " int);", want: []int{1}},
		{name: "custom length", opts: map[string]any{"maxLength": 4}, sql: "CREATE TABLE t (abcde int, abcd int);", want: []int{1}},
	})
}

func TestBBNamingIndexPK(t *testing.T) {
	runRuleTests(t, "naming.index.pk", []ruleTest{
		{name: "named as template", sql: "CREATE TABLE t (id int, CONSTRAINT pk_t_id PRIMARY KEY (id));"},
		{name: "wrong name", sql: "CREATE TABLE t (id int, CONSTRAINT t_primary PRIMARY KEY (id));", want: []int{1}},
		{name: "unnamed column constraint", sql: "CREATE TABLE t (id int PRIMARY KEY);", want: []int{1}},
		{name: "unnamed allowed by template", opts: map[string]any{"format": "^$|^pk_{{table}}_{{column_list}}$"}, sql: "CREATE TABLE t (id int PRIMARY KEY);"},
		{name: "named column constraint", sql: "CREATE TABLE t (id int CONSTRAINT pk_t_id PRIMARY KEY);"},
		{name: "two columns", sql: "CREATE TABLE t (a int, b int, CONSTRAINT pk_t_a_b PRIMARY KEY (a, b));"},
		{name: "add constraint", history: []string{"CREATE TABLE t (a int, b int);"}, sql: "ALTER TABLE t ADD CONSTRAINT pk_t_b_a PRIMARY KEY (a, b);", want: []int{1}},
		{name: "using index takes the index columns", history: []string{"CREATE TABLE t (a int NOT NULL);\nCREATE UNIQUE INDEX i ON t (a);"},
			sql: "ALTER TABLE t ADD CONSTRAINT pk_t_a PRIMARY KEY USING INDEX i;"},
		{name: "rename constraint", history: []string{"CREATE TABLE t (id int CONSTRAINT pk_t_id PRIMARY KEY);"},
			sql: "ALTER TABLE t RENAME CONSTRAINT pk_t_id TO t_pk;", want: []int{1}},
		{name: "rename pk index", history: []string{"CREATE TABLE t (id int CONSTRAINT pk_t_id PRIMARY KEY);"},
			sql: "ALTER INDEX pk_t_id RENAME TO t_pk;", want: []int{1}},
		{name: "rename plain index is not a pk", history: []string{"CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);"},
			sql: "ALTER INDEX i RENAME TO j;"},
		{name: "quoted table name", sql: "CREATE TABLE \"T\" (id int, CONSTRAINT \"pk_T_id\" PRIMARY KEY (id));"},
		{name: "regex characters in names are literal", sql: "CREATE TABLE \"t.x\" (id int, CONSTRAINT \"pk_tax_id\" PRIMARY KEY (id));", want: []int{1}},
		{name: "too long", opts: map[string]any{"format": ".*", "maxLength": 5}, sql: "CREATE TABLE t (id int, CONSTRAINT pk_t_id PRIMARY KEY (id));", want: []int{1}},
	})
}

func TestBBNamingIndexUK(t *testing.T) {
	hist := []string{"CREATE TABLE t (a int, b int);"}
	runRuleTests(t, "naming.index.uk", []ruleTest{
		{name: "unique index", history: hist, sql: "CREATE UNIQUE INDEX uk_t_a ON t (a);\nCREATE UNIQUE INDEX t_a_key ON t (a);", want: []int{2}},
		{name: "plain index is not a uk", history: hist, sql: "CREATE INDEX t_a ON t (a);"},
		{name: "unique constraint", sql: "CREATE TABLE u (a int, b int, CONSTRAINT uk_u_a_b UNIQUE (a, b), CONSTRAINT x UNIQUE (b));", want: []int{1}},
		{name: "unnamed inline unique", sql: "CREATE TABLE u (a int UNIQUE);", want: []int{1}},
		{name: "add constraint", history: hist, sql: "ALTER TABLE public.t ADD CONSTRAINT uk_t_b UNIQUE (b);"},
		{name: "rename unique index", history: []string{"CREATE TABLE t (a int);\nCREATE UNIQUE INDEX uk_t_a ON t (a);"}, sql: "ALTER INDEX uk_t_a RENAME TO a_unique;", want: []int{1}},
		{name: "expression index", history: hist, sql: "CREATE UNIQUE INDEX uk_t_a ON t (lower(a::text));", want: []int{1}},
	})
}

func TestBBNamingIndexIdx(t *testing.T) {
	hist := []string{"CREATE TABLE t (a int, b int);"}
	runRuleTests(t, "naming.index.idx", []ruleTest{
		{name: "good", history: hist, sql: "CREATE INDEX idx_t_a_b ON t (a, b);"},
		{name: "bad", history: hist, sql: "CREATE INDEX t_a_b_idx ON t (a, b);", want: []int{1}},
		{name: "unnamed", history: hist, sql: "CREATE INDEX ON t (a);", want: []int{1}},
		{name: "concurrently if not exists", history: hist, sql: "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_t_b ON public.t (b);"},
		{name: "unique is not idx", history: hist, sql: "CREATE UNIQUE INDEX x ON t (a);"},
		{name: "rename", history: []string{"CREATE TABLE t (a int);\nCREATE INDEX idx_t_a ON t (a);"}, sql: "ALTER INDEX idx_t_a RENAME TO t_a;", want: []int{1}},
		{name: "rename unknown index", sql: "ALTER INDEX idx_t_a RENAME TO t_a;"},
	})
}

func TestBBNamingIndexFK(t *testing.T) {
	hist := []string{"CREATE TABLE c (id int PRIMARY KEY);\nCREATE TABLE o (id int, c_id int);"}
	runRuleTests(t, "naming.index.fk", []ruleTest{
		{name: "good", history: hist, sql: "ALTER TABLE o ADD CONSTRAINT fk_o_c_id_c_id FOREIGN KEY (c_id) REFERENCES c (id);"},
		{name: "referenced columns from the primary key", history: hist, sql: "ALTER TABLE o ADD CONSTRAINT fk_o_c_id_c_id FOREIGN KEY (c_id) REFERENCES c;"},
		{name: "bad", history: hist, sql: "ALTER TABLE o ADD CONSTRAINT o_c_fkey FOREIGN KEY (c_id) REFERENCES c (id);", want: []int{1}},
		{name: "inline unnamed", history: hist, sql: "ALTER TABLE o ADD COLUMN c2 int REFERENCES c;", want: []int{1}},
		{name: "inline named", history: hist, sql: "ALTER TABLE o ADD COLUMN c2 int CONSTRAINT fk_o_c2_c_id REFERENCES c;"},
		{name: "create table", history: hist, sql: "CREATE TABLE x (c_id int,\n  CONSTRAINT fk_x_c_id_c_id FOREIGN KEY (c_id) REFERENCES public.c (id),\n  CONSTRAINT bad FOREIGN KEY (c_id) REFERENCES c (id));", want: []int{1}},
		{name: "rename", history: []string{hist[0] + "\nALTER TABLE o ADD CONSTRAINT fk_o_c_id_c_id FOREIGN KEY (c_id) REFERENCES c (id);"},
			sql: "ALTER TABLE o RENAME CONSTRAINT fk_o_c_id_c_id TO o_fk;", want: []int{1}},
	})
}
