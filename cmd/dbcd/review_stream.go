package main

import (
	"context"
	"fmt"
	"sort"
	"sync/atomic"

	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/report"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/source"
)

// streamReview reports whether the review's text report can be written
// file by file while the review runs, instead of once at the end with
// every finding kept until then: text to standard output alone, no
// findings about bad files to merge in, no Code Insights report (which
// needs them all), and files reviewed in the order the report sorts them.
func streamReview(g *globalOptions, format report.Format, opts *reviewOptions, tree *source.Tree, sel review.Selection, extra []diag.Finding) bool {
	if format != report.FormatText || len(g.outputs) > 0 || len(extra) > 0 {
		return false
	}
	if env := bitbucket.FromEnv(g.getenv); !opts.noInsights && env.InPipelines() && env.Commit != "" {
		return false
	}
	order, err := sel.Order(tree)
	return err == nil && sort.StringsAreSorted(order)
}

// streamQueue is how many files' findings may wait for the report writer.
const streamQueue = 256

// streamedReviews counts the reviews written file by file (tests read it).
var streamedReviews atomic.Int64

// runReviewStreamed reviews with the text report written file by file on
// a goroutine of its own as the review produces the findings: the same
// text as the report written at the end, without keeping them all.
func runReviewStreamed(ctx context.Context, g *globalOptions, cat *review.Catalog, tree *source.Tree, sel review.Selection, ropts review.Options) error {
	streamedReviews.Add(1)
	out := report.NewTextStream(g.io.Out, "review", g.io.ColorEnabled())
	files := make(chan []diag.Finding, streamQueue)
	written := make(chan error, 1)
	go func() {
		var err error
		for fs := range files {
			if err == nil {
				err = out.File(fs)
			}
		}
		written <- err
	}()
	ropts.Stream = func(fs []diag.Finding, _ []bool) { files <- fs }
	res, err := cat.ReviewTree(ctx, tree, sel, ropts)
	close(files)
	werr := <-written
	if err != nil {
		return err
	}
	if werr == nil {
		werr = out.Close(len(res.Files))
	}
	if werr != nil {
		return fmt.Errorf("writing the review: %w", werr)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(g.io.ErrOut, "note: %s\n", n)
	}
	if res.Failed() {
		return &reportedError{code: exitFailed, msg: "review found problems at or above the gate"}
	}
	return nil
}
