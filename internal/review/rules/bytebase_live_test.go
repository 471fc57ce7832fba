package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/live"
	"github.com/dbcd/dbcd/internal/review/seed"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// liveDB is a test database with orders (5,000 rows, analyzed, indexed on
// id and email) and archive, owned by another role.
func liveDB(t *testing.T) *pgtest.DB {
	t.Helper()
	db := pgtest.New(t)
	db.Exec(t, `CREATE TABLE orders (id int PRIMARY KEY, email text, status text, total int)`)
	db.Exec(t, `CREATE INDEX orders_email ON orders (email)`)
	db.Exec(t, `INSERT INTO orders SELECT g, 'u' || g || '@example.com', 'new', g FROM generate_series(1, 5000) g`)
	db.Exec(t, `ANALYZE orders`)
	role := liveRole(db)
	db.Exec(t, `CREATE ROLE `+role+` NOLOGIN`)
	t.Cleanup(func() {
		// Roles belong to the cluster and outlive the test database.
		db.Exec(t, `DROP OWNED BY `+role)
		db.Exec(t, `DROP ROLE `+role)
	})
	db.Exec(t, `GRANT `+role+` TO CURRENT_USER`)
	db.Exec(t, `GRANT CREATE ON SCHEMA public TO `+role)
	db.Exec(t, `CREATE TABLE archive (id int)`)
	db.Exec(t, `ALTER TABLE archive OWNER TO `+role)
	return db
}

// liveRole is the name of the other role of db.
func liveRole(db *pgtest.DB) string {
	r := "o_" + db.Name()
	if len(r) > 60 {
		r = r[:60]
	}
	return r
}

// liveReview reviews sql with only rule enabled, against the live db.
func liveReview(t *testing.T, db *pgtest.DB, rule string, opts map[string]any, sql string) []diag.Finding {
	t.Helper()
	ctx := context.Background()
	facts, err := live.Open(ctx, db.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = facts.Close(ctx) }()
	s, err := seed.Load(ctx, db.URL())
	if err != nil {
		t.Fatal(err)
	}
	r, _ := testCatalog.Lookup(rule)
	pol := &review.Policy{Name: "test", Gate: diag.Error, Rules: map[string]review.Setting{r.ID: {Level: diag.Error, Options: opts}}}
	h := review.History{Seed: s, Files: []review.File{{Path: "db##1##dml##f.sql", Content: []byte(sql), Review: true, Policies: []*review.Policy{pol}}}}
	res, err := testCatalog.Review(ctx, []review.History{h}, review.Options{Live: true, Facts: facts})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) > 0 {
		t.Errorf("notes: %v", res.Notes)
	}
	var out []diag.Finding
	for _, f := range res.Findings {
		if f.Rule == r.ID {
			out = append(out, f)
		}
	}
	return out
}

type liveCase struct {
	name string
	sql  string
	want []int
	msg  string // a part of the first finding's message
	opts map[string]any
}

func runLiveCases(t *testing.T, db *pgtest.DB, rule string, cases []liveCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := liveReview(t, db, rule, c.opts, c.sql)
			if got := lines(fs); fmt.Sprint(got) != fmt.Sprint(c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Fatalf("%s flagged lines %v, want %v: %v\nSQL:\n%s", rule, got, c.want, fs, c.sql)
			}
			if c.msg != "" && !strings.Contains(fs[0].Message, c.msg) {
				t.Errorf("message %q, want it to contain %q", fs[0].Message, c.msg)
			}
			if len(fs) > 0 && fs[0].Column != 1 {
				t.Errorf("finding at column %d, want the statement's first token", fs[0].Column)
			}
		})
	}
}

func TestLiveAffectedRowLimit(t *testing.T) {
	db := liveDB(t)
	runLiveCases(t, db, "statement.affected-row-limit", []liveCase{
		{name: "update without where", sql: "UPDATE orders SET status = 'x';", want: []int{1}, msg: "more than 1000"},
		{name: "delete without where", sql: "SELECT 1;\nDELETE FROM orders;", want: []int{2}},
		{name: "selective where", sql: "UPDATE orders SET status = 'x' WHERE id < 100;"},
		{name: "number option", sql: "UPDATE orders SET status = 'x' WHERE id < 100;", opts: map[string]any{"number": 10}, want: []int{1}},
		{name: "table created in file", sql: "CREATE TABLE t2 (id int);\nUPDATE t2 SET id = 1;"},
		{name: "insert ignored", sql: "INSERT INTO orders SELECT g + 10000 FROM generate_series(1, 5000) g;"},
	})
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM orders WHERE status = 'new'`); n != 5000 {
		t.Errorf("review changed rows: %d left with status new", n)
	}
}

func TestLiveDmlDryRun(t *testing.T) {
	db := liveDB(t)
	runLiveCases(t, db, "statement.dml-dry-run", []liveCase{
		{name: "missing column", sql: "UPDATE orders SET nope = 1 WHERE id = 1;", want: []int{1}, msg: `"nope"`},
		{name: "missing table", sql: "DELETE FROM order_lines WHERE id = 1;", want: []int{1}, msg: "order_lines"},
		{name: "valid", sql: "DELETE FROM orders WHERE id = 42;\nINSERT INTO orders (id) VALUES (100000);"},
		{name: "table created in file", sql: "CREATE TABLE t2 (id int);\nINSERT INTO t2 VALUES (1);"},
		{name: "column added in file", sql: "ALTER TABLE orders ADD COLUMN note text;\nUPDATE orders SET note = 'x' WHERE id = 1;"},
	})
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM orders`); n != 5000 {
		t.Errorf("review changed rows: %d rows in orders", n)
	}
}

func TestLiveWhereDisallowFunctions(t *testing.T) {
	db := liveDB(t)
	runLiveCases(t, db, "statement.where.disallow-functions-and-calculations", []liveCase{
		{name: "function on indexed column", sql: "DELETE FROM orders WHERE lower(email) = 'a@example.com';", want: []int{1}, msg: "lower"},
		{name: "calculation on primary key", sql: "SELECT * FROM orders o WHERE o.id + 1 = 10;", want: []int{1}},
		{name: "bare indexed column", sql: "DELETE FROM orders WHERE email = 'a@example.com';"},
		{name: "function on unindexed column", sql: "UPDATE orders SET status = 'x' WHERE lower(status) = 'new';"},
		{name: "calculation on unindexed column", sql: "SELECT * FROM orders WHERE total * 2 > 10;"},
	})
}

func TestLiveObjectOwnerCheck(t *testing.T) {
	db := liveDB(t)
	role := liveRole(db)
	runLiveCases(t, db, "statement.object-owner-check", []liveCase{
		{name: "alter table of another role", sql: "ALTER TABLE archive ADD COLUMN note text;", want: []int{1}, msg: role},
		{name: "drop table of another role", sql: "DROP TABLE archive;", want: []int{1}},
		{name: "own table", sql: "ALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX ON orders (status);"},
		{name: "after set role", sql: "SET ROLE " + role + ";\nALTER TABLE archive ADD COLUMN note text;"},
		{name: "reset all keeps the role", sql: "SET ROLE " + role + ";\nRESET ALL;\nALTER TABLE archive ADD COLUMN note text;"},
		{name: "discard all resets the role", sql: "SET ROLE " + role + ";\nDISCARD ALL;\nALTER TABLE archive ADD COLUMN note text;", want: []int{3}},
		{name: "reset role", sql: "SET ROLE " + role + ";\nRESET ROLE;\nALTER TABLE archive ADD COLUMN note text;", want: []int{3}},
		{name: "table created in file", sql: "CREATE TABLE t2 (id int);\nALTER TABLE t2 ADD COLUMN n int;"},
	})
}

// Without Facts the live rules are skipped with a note, even with Live set.
func TestLiveRulesNeedFacts(t *testing.T) {
	got := reviewCase(t, "statement.affected-row-limit", nil, review.Options{Live: true}, "UPDATE orders SET status = 'x';")
	if len(got) != 0 {
		t.Errorf("findings without facts: %v", got)
	}
}
