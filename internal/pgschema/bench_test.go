package pgschema_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// benchSizes are the numbers of generated tables.
var benchSizes = []int{1000, 5000}

// generated creates a database with n tables (with indexes, foreign keys,
// comments, and views, functions and triggers; see pgtest.GenerateTables).
func generated(b *testing.B, n int) *pgtest.DB {
	b.Helper()
	db := pgtest.New(b)
	db.GenerateTables(b, n)
	return db
}

// BenchmarkInspectDump measures Inspect plus Dump on generated schemas.
func BenchmarkInspectDump(b *testing.B) {
	for _, n := range benchSizes {
		b.Run("tables="+strconv.Itoa(n), func(b *testing.B) {
			b.StopTimer()
			db := generated(b, n)
			conn := db.Conn(b)
			peak := samplePeakMemory()
			b.StartTimer()
			for b.Loop() {
				s, err := pgschema.Inspect(context.Background(), conn, pgschema.Options{})
				if err != nil {
					b.Fatal(err)
				}
				_ = s.Dump()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tables/s")
			b.ReportMetric(peak(), "peak-MB")
		})
	}
}

// BenchmarkPgDump runs pg_dump --schema-only on the same generated schemas,
// for comparison. It is skipped when no pg_dump is found.
func BenchmarkPgDump(b *testing.B) {
	pgDump := findPgDump()
	if pgDump == "" {
		b.Skip("no pg_dump on PATH or under /usr/lib/postgresql/*/bin")
	}
	for _, n := range benchSizes {
		b.Run("tables="+strconv.Itoa(n), func(b *testing.B) {
			b.StopTimer()
			db := generated(b, n)
			b.StartTimer()
			for b.Loop() {
				cmd := exec.Command(pgDump, "--schema-only", "--no-sync", "--file", os.DevNull, "--dbname", db.URL())
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("pg_dump: %v\n%s", err, out)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tables/s")
		})
	}
}

// findPgDump returns the pg_dump of the highest installed version.
func findPgDump() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_dump")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(a))))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(b))))
		return vb - va
	})
	if len(dirs) > 0 {
		return dirs[0]
	}
	if p, err := exec.LookPath("pg_dump"); err == nil {
		return p
	}
	return ""
}

// samplePeakMemory collects garbage, then samples the heap in use (live
// and not yet collected objects, as runtime.MemStats.HeapInuse) every
// 2ms until the returned function is called, which returns the highest
// value seen in MB (10^6 bytes).
func samplePeakMemory() func() float64 {
	runtime.GC()
	var peak uint64
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			sample()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		<-finished
		sample()
		return float64(peak) / 1e6
	}
}
