package apply

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/source"
)

// smallFiles returns n small migration files: a table each, every other one
// with an index and a row.
func smallFiles(b testing.TB, n int) []*source.File {
	files := make([]*source.File, n)
	for i := range n {
		sql := fmt.Sprintf("CREATE TABLE t%d (id bigint PRIMARY KEY, name text NOT NULL);\n", i)
		if i%2 == 0 {
			sql += fmt.Sprintf("CREATE INDEX t%d_name ON t%d (name);\nINSERT INTO t%d VALUES (1, 'x');\n", i, i, i)
		}
		files[i] = mkfile(b, "app", strconv.Itoa(i+1), "ddl", sql)
	}
	return files
}

// BenchmarkApply1000Files applies 1,000 small files to an empty database.
func BenchmarkApply1000Files(b *testing.B) {
	files := smallFiles(b, 1000)
	for b.Loop() {
		b.StopTimer()
		db := pgtest.New(b)
		o := opts(db, files...)
		b.StartTimer()
		start := time.Now()
		if _, err := Run(context.Background(), o); err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		b.ReportMetric(float64(len(files))/el.Seconds(), "files/s")
		b.ReportMetric(float64(el.Microseconds())/1000/float64(len(files)), "ms/file")
	}
}

// BenchmarkApply50Targets applies 20 files to each of 50 databases.
func BenchmarkApply50Targets(b *testing.B) {
	files := smallFiles(b, 20)
	for _, parallel := range []int{1, 8} {
		b.Run(fmt.Sprintf("parallel=%d", parallel), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				o := Options{Stage: "test", Files: files, LockTimeout: 5 * time.Second, LockWait: time.Minute, Parallel: parallel}
				for i := range 50 {
					db := pgtest.New(b)
					o.Targets = append(o.Targets, Target{Stage: "test", Name: fmt.Sprintf("t%02d", i), DB: "app", URL: db.URL()})
				}
				b.StartTimer()
				if _, err := Run(context.Background(), o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPsqlFloor runs the same 1,000 files through psql
// --single-transaction -f, the floor BenchmarkApply1000Files is measured
// against. It is skipped without psql.
func BenchmarkPsqlFloor(b *testing.B) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		b.Skip("no psql")
	}
	var all []byte
	for _, f := range smallFiles(b, 1000) {
		all = append(append(all, f.Content...), '\n')
	}
	path := filepath.Join(b.TempDir(), "all.sql")
	if err := os.WriteFile(path, all, 0o600); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		db := pgtest.New(b)
		b.StartTimer()
		out, err := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", path, db.URL()).CombinedOutput()
		if err != nil {
			b.Fatalf("psql: %v\n%s", err, out)
		}
	}
}
