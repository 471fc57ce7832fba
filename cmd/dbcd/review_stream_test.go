package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/review/benchgen"
)

// TestReviewStreamedMatchesBuffered: the text report written file by file
// while the review runs (the default) is byte for byte the report written
// at the end (forced here with --output text=-), with the same exit code
// and notes, on every corpus scenario and on a generated history.
func TestReviewStreamedMatchesBuffered(t *testing.T) {
	scenarios, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, sc := range scenarios {
		if sc.IsDir() {
			dir := t.TempDir()
			copyCorpusTree(t, filepath.Join(corpusDir, sc.Name()), dir)
			dirs = append(dirs, dir)
		}
	}
	gen := t.TempDir()
	if err := benchgen.WriteRepo(gen, 40); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, gen)
	before := streamedReviews.Load()
	for _, dir := range dirs {
		for _, policy := range []string{"all", "recommended"} {
			args := []string{"review", "--policy", policy, "--runner", "psql"}
			code, out, errOut := runIn(t, dir, nil, args...)
			bcode, bout, berrOut := runIn(t, dir, nil, append(args, "--output", "text=-")...)
			if code != bcode || out != bout || errOut != berrOut {
				t.Errorf("%s --policy %s: streamed exit %d, buffered %d; output (-buffered +streamed):\n%s\nstderr:\n%s",
					dir, policy, code, bcode, cmp.Diff(bout, out), cmp.Diff(berrOut, errOut))
			}
			if out == "" {
				t.Errorf("%s: no report", dir)
			}
		}
	}
	// Most scenarios stream; parse_errors (files with bad names) cannot.
	if n := streamedReviews.Load() - before; n < int64(len(dirs)) {
		t.Errorf("%d of %d reviews streamed: the comparison barely ran the streaming path", n, 2*len(dirs))
	}
}
