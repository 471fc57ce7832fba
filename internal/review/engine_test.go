package review

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

// testRules flag statements by kind, so the engine can be tested without
// the real catalog.
func testRules() []*Rule {
	kind := func(id, k string, lvl diag.Severity) *Rule {
		return &Rule{ID: id, Category: CategoryDestructive, Level: lvl, Summary: id, Why: "w", Fix: "fix " + id,
			Aliases: []string{strings.ToUpper(strings.ReplaceAll(id, ".", "_"))},
			Options: map[string]any{"suffix": ""},
			Stmt: func(p *Pass, s *Stmt) {
				if s.Kind == k {
					p.Report(s, "%s%s", strings.ToLower(k), p.OptionString("suffix"))
				}
			}}
	}
	conv := kind("test.create", "CREATE_TABLE", Off)
	conv.Category = CategoryConvention
	tx := &Rule{ID: "test.tx", Category: CategoryTransaction, Level: diag.Warning, Summary: "s", Why: "w", Fix: "f",
		Stmt: func(p *Pass, s *Stmt) {
			p.Report(s, "tx=%v lock=%v stmt=%v", s.InTransaction, s.LockTimeout, s.StatementTimeout)
		}}
	return []*Rule{kind("test.drop", "DROP_TABLE", diag.Error), kind("test.update", "UPDATE", diag.Warning), conv, tx}
}

func newTestCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := NewCatalog(testRules()...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func run(t *testing.T, c *Catalog, pol *Policy, opts Options, files ...string) *Result {
	t.Helper()
	var h History
	for i, f := range files {
		h.Files = append(h.Files, File{Path: fmt.Sprintf("f%d.sql", i), Content: []byte(f), Review: true, Policies: []*Policy{pol}})
	}
	res, err := c.Review(context.Background(), []History{h}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func summary(res *Result) []string {
	var out []string
	for i, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s %s fail=%v", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Message, res.Failing[i]))
	}
	return out
}

func TestPresetsAndResolve(t *testing.T) {
	c := newTestCatalog(t)
	rec, _ := c.Preset("recommended")
	if rec.Level("test.drop") != diag.Error || rec.Level("test.create") != Off || rec.Level(RuleParseError) != diag.Error {
		t.Errorf("recommended = %+v", rec.Rules)
	}
	all, _ := c.Preset("all")
	if all.Level("test.create") != diag.Warning {
		t.Errorf("all must turn conventions on: %+v", all.Rules)
	}
	specs := map[string]PolicySpec{
		"prod": {Extends: "recommended", Gate: "warning", Rules: map[string]RuleSpec{
			"TEST_CREATE":          {Level: "warning"},
			"test.drop":            {Level: "off"},
			"category:destructive": {Level: "warning"},
			"test.update":          {Level: "error", Options: map[string]any{"suffix": "!"}},
		}},
	}
	p, err := c.Resolve("prod", specs, "error")
	if err != nil {
		t.Fatal(err)
	}
	if p.Gate != diag.Warning || p.Level("test.create") != diag.Warning || p.Level("test.drop") != Off || p.Level("test.update") != diag.Error {
		t.Errorf("resolved = gate %v rules %+v", p.Gate, p.Rules)
	}
	bad := map[string]PolicySpec{"x": {Extends: "recommended", Gate: "fatal", Rules: map[string]RuleSpec{
		"test.drp": {Level: "error"}, "test.update": {Level: "loud"}, "category:nope": {Level: "error"},
		"test.drop": {Level: "error", Options: map[string]any{"colour": 1}}, RuleParseError: {Level: "off"},
	}}}
	_, err = c.Resolve("x", bad, "")
	for _, want := range []string{`review.policies.x.gate`, `unknown rule "test.drp"`, `did you mean "test.drop"`, `unknown level "loud"`, `unknown category "nope"`, `no option "colour"`, "cannot be turned off"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Resolve error %v lacks %q", err, want)
		}
	}
	if _, err := c.Resolve("missing", nil, ""); err == nil {
		t.Error("unknown policy accepted")
	}
	loop := map[string]PolicySpec{"a": {Extends: "b"}, "b": {Extends: "a"}}
	if _, err := c.Resolve("a", loop, ""); err == nil {
		t.Error("extends loop accepted")
	}
}

func TestHighestLevelAndGate(t *testing.T) {
	c := newTestCatalog(t)
	dev := &Policy{Name: "dev", Gate: diag.Error, Rules: map[string]Setting{"test.update": {Level: diag.Warning}}}
	prod := &Policy{Name: "prod", Gate: diag.Warning, Rules: map[string]Setting{"test.update": {Level: diag.Warning}}}
	h := History{Files: []File{{Path: "a.sql", Content: []byte("UPDATE t SET a = 1;"), Review: true, Policies: []*Policy{dev}}}}
	res, _ := c.Review(context.Background(), []History{h}, Options{})
	if len(res.Findings) != 1 || res.Findings[0].Severity != diag.Warning || res.Failed() {
		t.Errorf("dev only: %v", summary(res))
	}
	h.Files[0].Policies = []*Policy{dev, prod}
	res, _ = c.Review(context.Background(), []History{h}, Options{})
	if len(res.Findings) != 1 || !res.Failed() {
		t.Errorf("dev+prod must fail prod's warning gate: %v", summary(res))
	}
}

func TestSuppression(t *testing.T) {
	c := newTestCatalog(t)
	pol := &Policy{Name: "p", Gate: diag.Error, Rules: map[string]Setting{
		"test.drop": {Level: diag.Error}, "test.update": {Level: diag.Warning}, RuleSuppressionUnused: {Level: diag.Warning},
	}}
	sql := `-- dbcd:ignore-file test.update : backfill reviewed by DBA
-- dbcd:ignore test.drop : archived in T-1
DROP TABLE a;
DROP TABLE b; -- dbcd:ignore TEST_DROP
DROP TABLE c;
UPDATE x SET y = 1;
-- dbcd:ignore test.drop
SELECT 1;
-- dbcd:ignore nosuch.rule
SELECT 2;
`
	got := summary(run(t, c, pol, Options{}, sql))
	want := []string{
		"f0.sql:5:1 error test.drop drop_table fail=true",
		"f0.sql:7:1 warning suppression.unused dbcd:ignore test.drop suppresses nothing: the rule does not fire on the statement it precedes fail=false",
		`f0.sql:9:1 warning suppression.unused dbcd:ignore names unknown rule "nosuch.rule" fail=false`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

func TestTransactionContext(t *testing.T) {
	c := newTestCatalog(t)
	pol := &Policy{Name: "p", Gate: diag.Error, Rules: map[string]Setting{"test.tx": {Level: diag.Warning}}}
	tests := []struct {
		name   string
		runner Runner
		sql    string
		want   []string
	}{
		{"dbcd wraps and sets lock_timeout", RunnerDBCD, "SELECT 1;", []string{"tx=true lock=true stmt=false"}},
		{"psql autocommit", RunnerPsql, "SELECT 1;", []string{"tx=false lock=false stmt=false"}},
		{"no-transaction directive", RunnerDBCD, "-- dbcd:no-transaction\nSELECT 1;", []string{"tx=false lock=true stmt=false"}},
		{"concurrently unwraps", RunnerDBCD, "SELECT 1;\nCREATE INDEX CONCURRENTLY i ON t (a);", []string{"tx=false lock=true stmt=false", "tx=false lock=true stmt=false"}},
		{"explicit block", RunnerPsql, "BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;", []string{"tx=false lock=false stmt=false", "tx=true lock=false stmt=false", "tx=true lock=false stmt=false", "tx=false lock=false stmt=false"}},
		{"set and reset", RunnerPsql, "SET lock_timeout = '2s';\nSELECT 1;\nSET lock_timeout = 0;\nSELECT 2;\nSET statement_timeout TO '1min';\nRESET lock_timeout;\nSELECT 3;",
			[]string{"tx=false lock=false stmt=false", "tx=false lock=true stmt=false", "tx=false lock=true stmt=false", "tx=false lock=false stmt=false", "tx=false lock=false stmt=false", "tx=false lock=false stmt=true", "tx=false lock=false stmt=true"}},
		{"set local outside a block does nothing", RunnerPsql, "SET LOCAL lock_timeout = '1s';\nSELECT 1;", []string{"tx=false lock=false stmt=false", "tx=false lock=false stmt=false"}},
		{"set local ends with the block", RunnerPsql, "BEGIN;\nSET LOCAL lock_timeout = '1s';\nSELECT 1;\nCOMMIT;\nSELECT 2;",
			[]string{"tx=false lock=false stmt=false", "tx=true lock=false stmt=false", "tx=true lock=true stmt=false", "tx=true lock=true stmt=false", "tx=false lock=false stmt=false"}},
		{"set_config", RunnerPsql, "SELECT set_config('lock_timeout', '3s', false);\nSELECT 1;", []string{"tx=false lock=false stmt=false", "tx=false lock=true stmt=false"}},
		{"lock-timeout 0 directive", RunnerDBCD, "-- dbcd:lock-timeout 0\nSELECT 1;", []string{"tx=true lock=false stmt=false"}},
		{"statement-timeout directive", RunnerDBCD, "-- dbcd:statement-timeout 10m\nSELECT 1;", []string{"tx=true lock=true stmt=true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, c, pol, Options{Runner: tt.runner}, tt.sql)
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Message)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("context (-want +got):\n%s", d)
			}
		})
	}
}

func TestParseErrorsAndDirectives(t *testing.T) {
	c := newTestCatalog(t)
	pol, _ := c.Preset("recommended")
	delete(pol.Rules, "test.tx")
	res := run(t, c, pol, Options{}, "SELECT 1;\nALTER TABLE t ADD COLUMN;\n", "-- dbcd:frob\nSELECT 1;\n")
	got := summary(res)
	if len(got) != 2 || !strings.HasPrefix(got[0], "f0.sql:2:") || !strings.Contains(got[0], "syntax.parse-error") ||
		!strings.HasPrefix(got[1], "f1.sql:1:1 error directive.invalid") {
		t.Errorf("findings = %q", got)
	}
}

func TestHistoryMakesTablesExisting(t *testing.T) {
	existing := &Rule{ID: "test.existing", Category: CategoryLocking, Level: diag.Error, Summary: "s", Why: "w", Fix: "f",
		Stmt: func(p *Pass, s *Stmt) {
			if a := s.Node.GetAlterTableStmt(); a != nil {
				q := p.Schema.Resolve(a.GetRelation().GetSchemaname(), a.GetRelation().GetRelname())
				p.Report(s, "%s existing=%v", q, p.Existing(q))
			}
		}}
	c, err := NewCatalog(existing)
	if err != nil {
		t.Fatal(err)
	}
	pol := &Policy{Name: "p", Gate: diag.Error, Rules: map[string]Setting{"test.existing": {Level: diag.Error}}}
	res := run(t, c, pol, Options{},
		"CREATE TABLE old (id int);",
		"CREATE TABLE fresh (id int);\nALTER TABLE fresh ADD COLUMN a int;\nALTER TABLE old ADD COLUMN a int;\nINSERT INTO fresh VALUES (1);\nALTER TABLE fresh ADD COLUMN b int;")
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Message))
	}
	want := []string{"f1.sql:2 public.fresh existing=false", "f1.sql:3 public.old existing=true", "f1.sql:5 public.fresh existing=true"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestDuplicateIDs(t *testing.T) {
	a := &Rule{ID: "x.a", Aliases: []string{"X_A"}}
	b := &Rule{ID: "x.b", Aliases: []string{"x_a"}}
	if _, err := NewCatalog(a, b); err == nil {
		t.Error("duplicate alias accepted")
	}
}

// TestRuleNodes checks that a rule with Nodes is called on statements of
// those node types only, and that a name that is no node type is refused.
func TestRuleNodes(t *testing.T) {
	var calls []string
	seen := &Rule{ID: "test.nodes", Category: CategoryConvention, Level: diag.Warning, Summary: "s", Why: "w", Fix: "f",
		Nodes: []string{"IndexStmt", "DropStmt"},
		Stmt:  func(p *Pass, s *Stmt) { calls = append(calls, s.Kind) }}
	c, err := NewCatalog(seen)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := c.Preset("all")
	run(t, c, all, Options{}, "CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);\nSELECT 1;\nDROP TABLE t;\nCREATE INDEX j ON u (id);")
	if d := cmp.Diff([]string{"CREATE_INDEX", "DROP_TABLE", "CREATE_INDEX"}, calls); d != "" {
		t.Errorf("Stmt called on (-want +got):\n%s", d)
	}
	bad := &Rule{ID: "test.bad", Category: CategoryConvention, Summary: "s", Why: "w", Fix: "f",
		Nodes: []string{"IndexStatement"}, Stmt: func(*Pass, *Stmt) {}}
	if _, err := NewCatalog(bad); err == nil || !strings.Contains(err.Error(), `"IndexStatement"`) {
		t.Errorf("NewCatalog with an unknown node type: %v", err)
	}
}

func TestFindingsCap(t *testing.T) {
	for _, c := range []struct{ need, reviewed, total, want int }{
		{35, 1, 1000, 280},                 // bounded to 8x what is needed
		{3500, 300, 1000, 11666 + 11666/8}, // the estimate, with a margin
		{10, 10, 10, 64},                   // small: at least 64
		{1000, 999, 1000, 2000},            // near the end: at least double
	} {
		if got := findingsCap(c.need, c.reviewed, c.total); got != c.want {
			t.Errorf("findingsCap(%d, %d, %d) = %d, want %d", c.need, c.reviewed, c.total, got, c.want)
		}
	}
}

// TestStream: streamed findings, file by file in review order, are the
// findings of the same review without streaming; none are kept.
func TestStream(t *testing.T) {
	c := newTestCatalog(t)
	rec, _ := c.Preset("recommended")
	files := []string{"DROP TABLE a;\nUPDATE b SET x = 1;", "SELECT 1;", "CREATE TABLE c (id int);\nDROP TABLE c;", "DROP TABLE (;"}
	want := run(t, c, rec, Options{}, files...)
	var h History
	for i, f := range files {
		h.Files = append(h.Files, File{Path: fmt.Sprintf("f%d.sql", i), Content: []byte(f), Review: true, Policies: []*Policy{rec}})
	}
	streamed := &Result{}
	calls := 0
	res, err := c.Review(context.Background(), []History{h}, Options{Stream: func(fs []diag.Finding, failing []bool) {
		calls++
		streamed.Findings = append(streamed.Findings, fs...)
		streamed.Failing = append(streamed.Failing, failing...)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != len(files) {
		t.Errorf("Stream called %d times for %d files", calls, len(files))
	}
	if len(res.Findings) != 0 || len(res.Failing) != 0 {
		t.Errorf("findings kept while streaming: %v", res.Findings)
	}
	if d := cmp.Diff(summary(want), summary(streamed)); d != "" {
		t.Errorf("streamed findings differ (-want +got):\n%s", d)
	}
	if res.Failed() != want.Failed() || !res.Failed() {
		t.Errorf("Failed() = %v streaming, %v without", res.Failed(), want.Failed())
	}
}
