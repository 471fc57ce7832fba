package rules

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/benchgen"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

func benchHistory(files [][]byte, pol *review.Policy) []review.History {
	h := review.History{}
	for i, f := range files {
		h.Files = append(h.Files, review.File{Path: fmt.Sprintf("db##%06d##ddl##f.sql", i), Content: f, Review: true, Policies: []*review.Policy{pol}})
	}
	return []review.History{h}
}

// BenchmarkReview reviews, in process and under the "all" preset, whole
// histories of 1,000 and 5,000 files (benchgen.Files), and single files
// creating schemas of 1,000 and 5,000 tables (benchgen.SchemaFile). Each
// iteration also parses the same files with sqlparse.Parse alone, untimed,
// and the benchmark reports both: parse-ms and review-ms per run, and
// x-parse, the review's time over the parse's. files/s (stmts/s) should
// stay flat from 1,000 to 5,000: replay and review are linear in the number
// of files and of statements. The review parses on every core while it
// replays, so x-parse may be below what one core would give; the end-to-end
// figures, process start to exit, are BenchmarkReviewProcess of cmd/dbcd.
func BenchmarkReview(b *testing.B) {
	pol, _ := testCatalog.Preset("all")
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			benchReview(b, benchgen.Files(n), pol, "files/s", float64(n))
		})
	}
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("schema-tables=%d", n), func(b *testing.B) {
			f := benchgen.SchemaFile(n)
			parsed, err := sqlparse.Parse("schema.sql", f)
			if err != nil {
				b.Fatal(err)
			}
			benchReview(b, [][]byte{f}, pol, "stmts/s", float64(len(parsed.Statements)))
		})
	}
}

// benchReview times the review of files beside their parse; per is what
// one review goes through, reported per second as unit.
func benchReview(b *testing.B, files [][]byte, pol *review.Policy, unit string, per float64) {
	hs := benchHistory(files, pol)
	var parse time.Duration
	for b.Loop() {
		b.StopTimer()
		start := time.Now()
		for k, f := range files {
			if _, err := sqlparse.Parse(fmt.Sprint(k), f); err != nil {
				b.Fatal(err)
			}
		}
		parse += time.Since(start)
		b.StartTimer()
		if _, err := testCatalog.Review(context.Background(), hs, review.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	review := b.Elapsed()
	runs := float64(b.N)
	b.ReportMetric(per*runs/review.Seconds(), unit)
	b.ReportMetric(float64(parse.Milliseconds())/runs, "parse-ms")
	b.ReportMetric(float64(review.Milliseconds())/runs, "review-ms")
	b.ReportMetric(review.Seconds()/parse.Seconds(), "x-parse")
}
