package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// chunkTree has files of two databases on two stages, with findings that
// need the earlier files (an index on a table an earlier file created), a
// suppression, a parse error, a finding only the prod policy raises and a
// file whose name does not fit the template.
var chunkTree = map[string]string{
	"dbcd.yaml": `migrations:
  dir: bytebase
stages:
  - name: test
    targets:
      - { db: app, url: "${TEST_URL}" }
      - { db: billing, url: "${TEST_BILLING_URL}" }
  - name: prod
    after: [test]
    policy: prod
    targets:
      - { db: app, url: "${PROD_URL}" }
review:
  policies:
    prod: { extends: recommended, gate: warning, rules: { column.no-null: warning } }
`,
	"bytebase/test/app##1##ddl##create.sql":       "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);\nCREATE TABLE old_orders (id bigint PRIMARY KEY);\n",
	"bytebase/test/app##2##ddl##index.sql":        "CREATE INDEX orders_customer_idx ON orders (customer_id);\n",
	"bytebase/test/app##3##ddl##drop.sql":         "-- dbcd:ignore table.drop : archived in OPS-12\nDROP TABLE old_orders;\n-- dbcd:ignore table.drop\nCREATE TABLE t (id int);\n",
	"bytebase/test/billing##1##ddl##create.sql":   "CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric);\n",
	"bytebase/test/billing##2##ddl##broken.sql":   "SELECT 1;\nALTER TABLE invoices ADD COLUMN;\n",
	"bytebase/test/billing##3##dml##cleanup.sql":  "DELETE FROM invoices;\n",
	"bytebase/prod/app##1##ddl##create.sql":       "CREATE TABLE employee (id int PRIMARY KEY);\n",
	"bytebase/prod/app##2##ddl##nick.sql":         "ALTER TABLE employee ADD COLUMN nick_name text;\n",
	"bytebase/prod/app##3##ddl##nick_index.sql":   "CREATE INDEX employee_nick_idx ON employee (nick_name);\n",
	"bytebase/prod/app_4_ddl_not_a_template.sql":  "SELECT 1;\n",
	"bytebase/prod/app##5##ddl##same_file_ok.sql": "CREATE TABLE audit (id bigint PRIMARY KEY);\nCREATE INDEX audit_id_idx ON audit (id);\n",
}

// TestReviewChunksAgree is what pre-commit relies on: it passes the staged
// files to the dbcd-review hook in chunks (in parallel processes), so every
// split of the files must report the same findings, each file reviewed with
// the schema of the earlier files whatever else was passed.
func TestReviewChunksAgree(t *testing.T) {
	dir := writeTree(t, chunkTree)
	var files []string
	for p := range chunkTree {
		if strings.HasSuffix(p, ".sql") {
			files = append(files, p)
		}
	}
	sort.Strings(files)

	review := func(chunk []string) (int, []string) {
		t.Helper()
		args := append([]string{"review", "--format", "json"}, chunk...)
		code, out, errOut := runIn(t, dir, nil, args...)
		var r struct {
			Findings []map[string]any `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("review %v: exit %d: %v\n%s\n%s", chunk, code, err, out, errOut)
		}
		var keys []string
		for _, f := range r.Findings {
			keys = append(keys, fmt.Sprintf("%v:%v:%v %v %v %v", f["file"], f["line"], f["column"], f["level"], f["rule"], f["message"]))
		}
		return code, keys
	}
	union := func(chunks ...[]string) (int, []string) {
		t.Helper()
		worst, set := 0, map[string]bool{}
		for _, c := range chunks {
			code, keys := review(c)
			worst = max(worst, code)
			for _, k := range keys {
				set[k] = true
			}
		}
		out := make([]string, 0, len(set))
		for k := range set {
			out = append(out, k)
		}
		sort.Strings(out)
		return worst, out
	}

	wantCode, want := union(files)
	if wantCode != exitInput || len(want) < 6 {
		t.Fatalf("one call: exit %d, %d findings; the tree should give bad-name, parse, lock and policy findings:\n%s",
			wantCode, len(want), strings.Join(want, "\n"))
	}
	for _, rule := range []string{"index.require-concurrently", "syntax.parse-error", "column.require-not-null",
		"migration.invalid-file", "suppression.unused", "statement.update-delete-without-where"} {
		if !strings.Contains(strings.Join(want, "\n"), rule) {
			t.Errorf("one call: no %s finding:\n%s", rule, strings.Join(want, "\n"))
		}
	}

	one := make([][]string, len(files))
	for i, f := range files {
		one[i] = []string{f}
	}
	reversed := append([]string(nil), files...)
	sort.Sort(sort.Reverse(sort.StringSlice(reversed)))
	for name, chunks := range map[string][][]string{
		"halves":             {files[:len(files)/2], files[len(files)/2:]},
		"reversed halves":    {reversed[:5], reversed[5:]},
		"one file at a time": one,
		"odd and even": func() [][]string {
			var odd, even []string
			for i, f := range files {
				if i%2 == 0 {
					even = append(even, f)
				} else {
					odd = append(odd, f)
				}
			}
			return [][]string{odd, even}
		}(),
	} {
		code, got := union(chunks...)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: findings differ from one call (-one call +chunks):\n%s", name, d)
		}
		if code != wantCode {
			t.Errorf("%s: worst exit code %d, one call %d", name, code, wantCode)
		}
	}

	// Without arguments (outside a git work tree: every file) the same.
	code, all := union(nil)
	if d := cmp.Diff(want, all); d != "" || code != wantCode {
		t.Errorf("without arguments: exit %d (want %d); findings (-files +all):\n%s", code, wantCode, d)
	}
}
