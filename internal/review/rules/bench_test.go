package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// genFiles makes n migration files of about ten statements each, every file
// building on the tables of the earlier ones, as a real history does.
func genFiles(n int) [][]byte {
	files := make([][]byte, n)
	for i := range files {
		var b strings.Builder
		fmt.Fprintf(&b, "CREATE TABLE t%d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL DEFAULT '', created_at timestamptz NOT NULL DEFAULT now());\n", i)
		fmt.Fprintf(&b, "CREATE INDEX t%d_name_idx ON t%d (name);\n", i, i)
		fmt.Fprintf(&b, "COMMENT ON TABLE t%d IS 'table %d';\n", i, i)
		if i > 0 {
			fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN note text;\n", i-1)
			fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN ref bigint REFERENCES t%d (id);\n", i, i-1)
			fmt.Fprintf(&b, "CREATE INDEX CONCURRENTLY t%d_ref_idx ON t%d (ref);\n", i-1, i-1)
			fmt.Fprintf(&b, "UPDATE t%d SET note = 'x' WHERE id < 100;\n", i-1)
		}
		fmt.Fprintf(&b, "INSERT INTO t%d (name) VALUES ('a'), ('b');\n", i)
		fmt.Fprintf(&b, "ALTER TABLE t%d ALTER COLUMN name SET DEFAULT 'n';\n", i)
		fmt.Fprintf(&b, "CREATE VIEW v%d AS SELECT id, name FROM t%d;\n", i, i)
		files[i] = []byte(b.String())
	}
	return files
}

func benchHistory(files [][]byte, pol *review.Policy) []review.History {
	h := review.History{}
	for i, f := range files {
		h.Files = append(h.Files, review.File{Path: fmt.Sprintf("db##%06d##ddl##f.sql", i), Content: f, Review: true, Policies: []*review.Policy{pol}})
	}
	return []review.History{h}
}

// BenchmarkReview reviews whole histories under the "all" preset, beside
// the time the parser alone needs for the same files (BenchmarkParseOnly).
// files/s should stay flat from 1,000 to 5,000 files: history replay is
// linear.
func BenchmarkReview(b *testing.B) {
	pol, _ := testCatalog.Preset("all")
	for _, n := range []int{1000, 5000} {
		files := genFiles(n)
		hs := benchHistory(files, pol)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := testCatalog.Review(context.Background(), hs, review.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// BenchmarkParseOnly is the floor: parsing the same files with pg_query.
func BenchmarkParseOnly(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		files := genFiles(n)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for k, f := range files {
					if _, err := sqlparse.Parse(fmt.Sprint(k), f); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
