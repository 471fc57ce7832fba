package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
)

var testCatalog = func() *review.Catalog {
	c, err := Catalog()
	if err != nil {
		panic(err)
	}
	return c
}()

// reviewCase reviews the last of files with only rule enabled (at error
// level, with opts as its options), the earlier files replayed as history.
func reviewCase(t *testing.T, rule string, opts map[string]any, ro review.Options, files ...string) []diag.Finding {
	t.Helper()
	r, ok := testCatalog.Lookup(rule)
	if !ok {
		t.Fatalf("no rule %q", rule)
	}
	pol := &review.Policy{Name: "test", Gate: diag.Error, Rules: map[string]review.Setting{
		r.ID: {Level: diag.Error, Options: opts},
	}}
	var h review.History
	for i, f := range files {
		h.Files = append(h.Files, review.File{
			Path: fmt.Sprintf("db##%d##ddl##f.sql", i+1), Content: []byte(f),
			Review: i == len(files)-1, Policies: []*review.Policy{pol},
		})
	}
	res, err := testCatalog.Review(context.Background(), []review.History{h}, ro)
	if err != nil {
		t.Fatal(err)
	}
	var out []diag.Finding
	for _, f := range res.Findings {
		if f.Rule == r.ID {
			out = append(out, f)
		}
	}
	return out
}

// lines returns the lines of findings, for comparison.
func lines(fs []diag.Finding) []int {
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = f.Line
	}
	return out
}

// ruleTest is one case of a rule's table test: the last SQL is reviewed,
// the others are history; want are the lines flagged (nil: clean).
type ruleTest struct {
	name    string
	history []string
	sql     string
	want    []int
	opts    map[string]any
	review  review.Options
}

// runRuleTests runs a rule's table test.
func runRuleTests(t *testing.T, rule string, tests []ruleTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lines(reviewCase(t, rule, tt.opts, tt.review, append(tt.history, tt.sql)...))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("%s flagged lines %v, want %v\nSQL:\n%s", rule, got, tt.want, tt.sql)
			}
		})
	}
}

// TestCatalogExamples checks every rule's documented examples: Bad is
// flagged, Good is clean, and every rule is documented.
func TestCatalogExamples(t *testing.T) {
	for _, r := range testCatalog.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if r.Summary == "" || r.Why == "" || r.Fix == "" || r.Category == "" {
				t.Errorf("rule %s lacks Summary, Why, Fix or Category", r.ID)
			}
			if r.Bad == "" || r.Good == "" {
				t.Fatalf("rule %s lacks Bad or Good example", r.ID)
			}
			if r.Live || r.ID == review.RuleParseError || r.ID == review.RuleSuppressionUnused || r.ID == review.RuleDirectiveInvalid {
				return
			}
			ro := exampleOptions[r.ID]
			hist, bad := splitExample(r.Bad)
			if got := reviewCase(t, r.ID, nil, ro, append(hist, bad)...); len(got) == 0 {
				t.Errorf("Bad example of %s is not flagged:\n%s", r.ID, r.Bad)
			}
			hist, good := splitExample(r.Good)
			if got := reviewCase(t, r.ID, nil, ro, append(hist, good)...); len(got) != 0 {
				t.Errorf("Good example of %s is flagged: %v\n%s", r.ID, got, r.Good)
			}
		})
	}
}

// exampleOptions are the review options a rule's examples need (its Fix and
// Why say which targets it is about).
var exampleOptions = map[string]review.Options{
	"index.concurrently-pg14-corruption": {PGVersion: 14},
}

// splitExample splits an example at lines "-- next file --": the last part
// is reviewed, the others are history.
func splitExample(s string) ([]string, string) {
	parts := strings.Split(s, "-- next file --\n")
	return parts[:len(parts)-1], parts[len(parts)-1]
}
