package rules

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/benchgen"
)

// TestRuleNodesAreSound checks the Nodes of every rule (the node types its
// Stmt looks at; the review calls it on no others): the catalog with them
// and the catalog without them, which calls every rule on every statement,
// must find exactly the same in the review corpus, the rules' examples and
// generated histories, under both runners. A rule whose Nodes leave out a
// statement it reports on, or one it gathers state from, fails here.
func TestRuleNodesAreSound(t *testing.T) {
	var stripped []*review.Rule
	annotated := 0
	for _, r := range All() {
		c := *r
		if c.Nodes != nil {
			annotated++
		}
		c.Nodes = nil
		stripped = append(stripped, &c)
	}
	with, err := review.NewCatalog(All()...)
	if err != nil {
		t.Fatal(err)
	}
	without, err := review.NewCatalog(stripped...)
	if err != nil {
		t.Fatal(err)
	}
	histories := nodesHistories(t)
	t.Logf("%d rules with Nodes, %d histories", annotated, len(histories))
	for _, runner := range []review.Runner{review.RunnerDBCD, review.RunnerPsql} {
		for _, h := range histories {
			got := reviewAll(t, with, h, runner)
			want := reviewAll(t, without, h, runner)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s (runner %s): findings differ with Nodes (-without +with):\n%s", h.Files[0].Path, runner, d)
			}
		}
	}
}

// reviewAll reviews every file of h under the catalog's "all" preset and
// returns the findings as lines.
func reviewAll(t *testing.T, c *review.Catalog, h review.History, runner review.Runner) []string {
	t.Helper()
	all, _ := c.Preset("all")
	for i := range h.Files {
		h.Files[i].Review, h.Files[i].Policies = true, []*review.Policy{all}
	}
	res, err := c.Review(context.Background(), []review.History{h}, review.Options{Runner: runner})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(res.Findings))
	for i, f := range res.Findings {
		out[i] = fmt.Sprintf("%s:%d:%d %s %s %s", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Message)
	}
	return out
}

// nodesHistories returns the histories TestRuleNodesAreSound reviews: each
// scenario of the review corpus (its files in name order), each rule's Bad
// and Good example on its own, and generated files.
func nodesHistories(t *testing.T) []review.History {
	t.Helper()
	var hs []review.History
	root := "../../../testdata/review-corpus"
	scenarios, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenarios {
		if !sc.IsDir() {
			continue
		}
		var h review.History
		err := filepath.WalkDir(filepath.Join(root, sc.Name()), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
				return err
			}
			src, err := os.ReadFile(p)
			h.Files = append(h.Files, review.File{Path: filepath.ToSlash(p), Content: src})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(h.Files, func(i, j int) bool { return h.Files[i].Path < h.Files[j].Path })
		if len(h.Files) > 0 {
			hs = append(hs, h)
		}
	}
	if len(hs) < 20 {
		t.Fatalf("only %d corpus scenarios under %s", len(hs), root)
	}
	for _, r := range All() {
		for _, ex := range []string{r.Bad, r.Good} {
			if ex != "" {
				hs = append(hs, review.History{Files: []review.File{{Path: r.ID + ".sql", Content: []byte(ex)}}})
			}
		}
	}
	var gen review.History
	for i, src := range benchgen.Files(30) {
		gen.Files = append(gen.Files, review.File{Path: fmt.Sprintf("gen/%03d.sql", i), Content: src})
	}
	return append(hs, gen)
}
