package plan

import (
	"context"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/source"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func stmt(kind, class, schema, table, sql string, line int) Statement {
	return Statement{Line: line, Kind: kind, Class: class, SQL: sql, table: model.QName{Schema: schema, Name: table}}
}

func TestRiskDefaultTable(t *testing.T) {
	f := &source.File{Path: "x.sql", Type: source.TypeDDL}
	for _, tc := range []struct {
		stmts []Statement
		level string
		why   string
	}{
		{[]Statement{stmt("CREATE_TABLE", "ddl", "", "t", "", 1)}, "low", "no statement of a higher-risk kind"},
		{[]Statement{stmt("CREATE_TABLE", "ddl", "", "t", "", 1), stmt("ALTER_TABLE", "ddl", "", "t", "", 2)}, "moderate", "ALTER_TABLE is moderate (line 2)"},
		{[]Statement{stmt("UPDATE", "dml", "", "t", "", 1), stmt("DROP_TABLE", "ddl", "", "t", "", 3), stmt("DELETE", "dml", "", "t", "", 4)}, "high", "DROP_TABLE is high (line 3)"},
		{[]Statement{stmt("TRUNCATE", "dml", "", "t", "", 1)}, "high", "TRUNCATE"},
	} {
		r, err := assess(context.Background(), nil, "prod", "app", f, tc.stmts, nil)
		if err != nil || r.Level != tc.level || !strings.Contains(r.Reason, tc.why) {
			t.Errorf("%v: %+v %v", tc.stmts, r, err)
		}
	}
}

// TestRiskRulesOnTarget evaluates CEL rules with the row estimates of a
// real database: table_rows from pg_class after ANALYZE, affected_rows from
// EXPLAIN.
func TestRiskRulesOnTarget(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE big (id int PRIMARY KEY, v int); INSERT INTO big SELECT g, g % 10 FROM generate_series(1, 20000) g; ANALYZE big")
	rules, err := CompileRisk(
		[]string{"moderate", "high", "high"},
		[]string{`table_rows > 10000`, `environment_id == "prod" && sql_type in ["UPDATE","DELETE"] && affected_rows > 5000`, `database_name == "other"`})
	if err != nil {
		t.Fatal(err)
	}
	facts, done, err := OpenFacts(context.Background(), apply.Target{Name: "t", URL: db.URL()})
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	f := &source.File{Path: "x.sql", Type: source.TypeDML}
	for _, tc := range []struct {
		stage string
		stmts []Statement
		level string
		why   string
	}{
		{"prod", []Statement{stmt("UPDATE", "dml", "public", "big", "UPDATE big SET v = 0 WHERE id < 100", 1)}, "moderate", "risk[0] table_rows > 10000 (line 1, UPDATE)"},
		{"prod", []Statement{stmt("UPDATE", "dml", "", "big", "UPDATE big SET v = 0", 2)}, "high", "risk[1]"},
		{"test", []Statement{stmt("UPDATE", "dml", "", "big", "UPDATE big SET v = 0", 2)}, "moderate", "risk[0]"},
		{"prod", []Statement{stmt("CREATE_TABLE", "ddl", "public", "small", "", 1)}, "low", "no rule matched"},
	} {
		r, err := assess(context.Background(), rules, tc.stage, "app", f, tc.stmts, facts)
		if err != nil || r.Level != tc.level || !strings.Contains(r.Reason, tc.why) {
			t.Errorf("%s %v: %+v %v", tc.stage, tc.stmts, r, err)
		}
	}
	// A table an earlier pending file creates is not there yet: EXPLAIN
	// fails, and the rule that reads affected_rows is taken to match (risk
	// fails closed).
	r, err := assess(context.Background(), rules, "prod", "app", f, []Statement{stmt("DELETE", "dml", "", "later", "DELETE FROM later", 1)}, facts)
	if err != nil || r.Level != "high" || !strings.Contains(r.Reason, "risk[1]") || !strings.Contains(r.Reason, "assumed, affected_rows unknown") ||
		len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "affected_rows unknown (EXPLAIN failed") {
		t.Errorf("missing table: %+v %v", r, err)
	}
	// No target at all: a rule matches when it would with huge estimates
	// (risk[0]), not when another condition fails (risk[1] is for prod).
	r, err = assess(context.Background(), rules, "test", "app", f, []Statement{stmt("UPDATE", "dml", "public", "big", "UPDATE big SET v = 0", 1)}, nil)
	if err != nil || r.Level != "moderate" || !strings.Contains(r.Reason, "risk[0]") || !strings.Contains(r.Reason, "assumed, affected_rows and table_rows unknown") {
		t.Errorf("no target: %+v %v", r, err)
	}
}

func TestStale(t *testing.T) {
	fp := &Fingerprint{Server: "s/db", HistoryRows: 2, HistoryDigest: "h1", SchemaHash: "a"}
	mk := func(fp *Fingerprint, files ...*FilePlan) *Plan {
		return &Plan{Stage: "prod", Targets: []*TargetPlan{{Name: "eu", Files: files, Fingerprint: fp}}}
	}
	f1 := &FilePlan{Path: "1.sql", Checksum: "c1"}
	saved := mk(fp, f1)
	if s := Stale(saved, mk(fp, f1)); len(s) != 0 {
		t.Fatalf("fresh plan is stale: %v", s)
	}
	moved := *fp
	moved.HistoryDigest, moved.HistoryRows, moved.SchemaHash = "h2", 3, "b"
	got := strings.Join(Stale(saved, mk(&moved, &FilePlan{Path: "1.sql", Checksum: "c2"}, &FilePlan{Path: "2.sql"})), "\n")
	for _, want := range []string{"history changed since the plan (2 rows, now 3)", "schema changed", "1.sql changed since the plan (checksum c1, now c2)", "2.sql is pending now"} {
		if !strings.Contains(got, want) {
			t.Errorf("stale report lacks %q:\n%s", want, got)
		}
	}
	elsewhere, address := *fp, *fp
	elsewhere.Server, address.Server = "system 42/db", "replica:5432/db"
	fp.Server = "system 7/db"
	if s := Stale(saved, mk(&elsewhere, f1)); len(s) != 1 || !strings.Contains(s[0], "server changed") {
		t.Errorf("another cluster: %v", s)
	}
	if s := Stale(saved, mk(&address, f1)); len(s) != 0 {
		t.Errorf("read through another address: %v", s)
	}
	two := &Plan{Stage: "prod", Targets: []*TargetPlan{{Name: "eu", Files: []*FilePlan{f1}, Fingerprint: fp}, {Name: "us", Fingerprint: fp}}}
	if s := Stale(two, mk(fp, f1)); len(s) != 0 {
		t.Errorf("a planned target not selected now (--shard, --target) made the plan stale: %v", s)
	}
	if s := Stale(saved, &Plan{Stage: "prod", Targets: []*TargetPlan{{Name: "asia", Fingerprint: fp}}}); len(s) != 1 || !strings.Contains(s[0], "asia: target not in the plan") {
		t.Errorf("unplanned target: %v", s)
	}
	other := &Plan{Stage: "test"}
	if s := Stale(saved, other); len(s) != 1 || !strings.Contains(s[0], "stage prod, not test") {
		t.Errorf("other stage: %v", s)
	}
}
