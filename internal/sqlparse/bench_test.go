package sqlparse

import (
	"os"
	"testing"
)

func TestBenchmarkMigrationParses(t *testing.T) {
	src, err := os.ReadFile("testdata/migration.sql")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("migration.sql", src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkFile(t, src, f, err)
	if len(f.Statements) < 50 || len(f.Directives) != 2 {
		t.Errorf("got %d statements and %d directives, want at least 50 and 2", len(f.Statements), len(f.Directives))
	}
}

// BenchmarkParse parses a realistic ~200-line migration and reports the
// statements parsed per second.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/migration.sql")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	stmts := 0
	for b.Loop() {
		f, err := Parse("migration.sql", src)
		if err != nil {
			b.Fatal(err)
		}
		stmts += len(f.Statements)
	}
	b.ReportMetric(float64(stmts)/b.Elapsed().Seconds(), "stmts/s")
}
