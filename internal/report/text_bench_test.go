package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/dbcd/dbcd/internal/diag"
)

// benchFindings is a review of n files with 35 findings each, the size of
// BenchmarkReviewProcess's report on 1,000 files.
func benchFindings(n int) Findings {
	r := Findings{Title: "review"}
	for i := range n {
		file := fmt.Sprintf("migrations/prod/app##%06d##ddl##f%d.sql", i+1, i)
		r.Files = append(r.Files, file)
		for j := range 35 {
			r.Findings = append(r.Findings, diag.Finding{
				Rule: "table.require-schema", Severity: diag.Warning, Category: "naming", File: file, Line: j/4 + 1, Column: 1,
				Message: fmt.Sprintf("table \"t%d\" is not schema-qualified: the search_path resolves it (now to \"public\".\"t%d\")", i, i),
				Help:    "qualify the name with its schema, e.g. \"public\".\"employee\"",
			})
		}
	}
	return r
}

func BenchmarkText(b *testing.B) {
	r := benchFindings(1000)
	for _, color := range []bool{false, true} {
		b.Run(fmt.Sprintf("color=%v", color), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Text(io.Discard, r, color); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkJSON(b *testing.B) {
	r := benchFindings(1000)
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
