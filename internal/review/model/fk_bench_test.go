package model

import (
	"fmt"
	"testing"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// fkHistory returns n migration files: file i creates table f<i> with a
// foreign key to f<i-1>, then drops one column of f<i-1> and renames
// another, so every file changes a table that foreign keys reference.
func fkHistory(t testing.TB, n int) []*sqlparse.File {
	files := make([]*sqlparse.File, n)
	for i := range n {
		src := fmt.Sprintf("CREATE TABLE f%05d (id bigint PRIMARY KEY, a int, b int, parent_id bigint REFERENCES f%05d (id));\n", i, max(i-1, 0))
		if i > 0 {
			src += fmt.Sprintf("ALTER TABLE f%05d DROP COLUMN a;\nALTER TABLE f%05d RENAME COLUMN b TO c;\n", i-1, i-1)
		}
		f, err := sqlparse.Parse(fmt.Sprintf("%05d.sql", i), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		files[i] = f
	}
	return files
}

// replayFiles replays files into an empty model, one session per file.
func replayFiles(files []*sqlparse.File) *Schema {
	s := New()
	for _, f := range files {
		s.ApplyFile(f)
	}
	return s
}

func TestFKHistory(t *testing.T) {
	s := replayFiles(fkHistory(t, 3))
	checkInvariants(t, s)
	f1, f2 := s.Relation(pub("f00001")), s.Relation(pub("f00002"))
	if f1 == nil || f1.Column("a") != nil || f1.Column("c") == nil || f1.Column("b") != nil {
		t.Fatalf("f00001 = %+v", f1)
	}
	if fk := f2.Constraint("f00002_parent_id_fkey"); fk == nil || *fk.RefTable != pub("f00001") {
		t.Errorf("f00002 constraints = %+v", f2.Constraints)
	}
}

// TestReplayForeignKeysIsLinear checks that replaying 4 times as many
// files of fkHistory costs 4 times as many allocations, a deterministic
// stand-in for time (which BenchmarkReplayForeignKeys measures).
func TestReplayForeignKeysIsLinear(t *testing.T) {
	allocs := func(n int) float64 {
		files := fkHistory(t, n)
		return testing.AllocsPerRun(2, func() { replayFiles(files) })
	}
	small, large := allocs(250), allocs(1000)
	t.Logf("allocations: %.0f for 250 files, %.0f for 1,000 (ratio %.2f)", small, large, large/small)
	if r := large / small; r < 3.6 || r > 4.4 {
		t.Errorf("replaying 1,000 files allocates %.2f times as much as 250 files (%.0f, %.0f), want about 4", r, large, small)
	}
}

// BenchmarkReplayForeignKeys replays histories of 1,000 and 4,000 files of
// fkHistory and reports files per second; the two rates should be about
// equal (foreign keys are found through an index, not by a scan of all
// relations).
func BenchmarkReplayForeignKeys(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		files := fkHistory(b, n)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			for b.Loop() {
				replayFiles(files)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
