package model

import (
	"fmt"
	"testing"

	"github.com/dbcd/dbcd/internal/review/benchgen"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// schemaFile is benchgen's schema of n tables, about five statements per
// table.
func schemaFile(n int) []byte { return benchgen.SchemaFile(n) }

func TestSchemaFile(t *testing.T) {
	f, err := sqlparse.Parse("schema.sql", schemaFile(3))
	if err != nil {
		t.Fatal(err)
	}
	s := New()
	s.ApplyFile(f)
	checkInvariants(t, s)
	r := s.Relation(pub("t00002"))
	if r == nil || len(r.Columns) != 7 || len(r.Indexes) != 3 || len(r.Constraints) != 3 {
		t.Errorf("t00002 = %+v", r)
	}
}

// TestReplayIsLinear checks that replaying 5 times as many tables costs 5
// times as many allocations, a deterministic stand-in for time (which
// BenchmarkReplay measures).
func TestReplayIsLinear(t *testing.T) {
	allocs := func(n int) float64 {
		f, err := sqlparse.Parse("schema.sql", schemaFile(n))
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(2, func() {
			s := New()
			for i := range f.Statements {
				s.Apply(&f.Statements[i])
			}
		})
	}
	small, large := allocs(100), allocs(500)
	if r := large / small; r < 4.5 || r > 5.5 {
		t.Errorf("replaying 500 tables allocates %.2f times as much as 100 tables (%.0f, %.0f), want about 5", r, large, small)
	}
}

// BenchmarkReplay replays the parsed statements of schemas of 1,000 and
// 5,000 tables into an empty model and reports tables per second; the two
// rates should be about equal (replay is linear in the schema size).
func BenchmarkReplay(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		f, err := sqlparse.Parse("schema.sql", schemaFile(n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			for b.Loop() {
				s := New()
				for i := range f.Statements {
					s.Apply(&f.Statements[i])
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tables/s")
		})
	}
}

// BenchmarkLoadSQL is BenchmarkReplay with parsing included, as LoadSQL
// does it for a LATEST file.
func BenchmarkLoadSQL(b *testing.B) {
	src := schemaFile(5000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := LoadSQL("schema.sql", src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(5000*b.N)/b.Elapsed().Seconds(), "tables/s")
}

// BenchmarkClone copies a 5,000-table model, as seeding each reviewed file
// with the history does.
func BenchmarkClone(b *testing.B) {
	s, err := LoadSQL("schema.sql", schemaFile(5000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.Clone()
	}
}
