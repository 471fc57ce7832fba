package apply

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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

// BenchmarkApply1000Files applies 1,000 small files to an empty database
// and, in the same iterations, the same files concatenated to another empty
// database with psql --single-transaction -f, the floor (skipped without
// psql). Interleaving the two keeps the comparison fair on a machine whose
// load changes. It reports dbcd's ms/file and files/s (ns/op is dbcd's
// time alone) and, with psql, psql-ms, x-floor (dbcd's time over psql's)
// and overhead-ms/file (the difference per file); on a local server also
// the server CPU of each (server-cpu-ms, psql-server-cpu-ms).
func BenchmarkApply1000Files(b *testing.B) {
	files := smallFiles(b, 1000)
	psql, script := psqlScript(b, files)
	post := postmasterOf(b, pgtest.New(b))
	var dbcd, floor, dbcdCPU, floorCPU time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		if psql != "" {
			db := pgtest.New(b)
			cpu, start := post.childCPU(), time.Now()
			runPsql(b, psql, script, db.URL())
			floor += time.Since(start)
			floorCPU += post.settledCPU() - cpu
		}
		db := pgtest.New(b)
		o := opts(db, files...)
		cpu := post.childCPU()
		b.StartTimer()
		start := time.Now()
		if _, err := Run(context.Background(), o); err != nil {
			b.Fatal(err)
		}
		dbcd += time.Since(start)
		b.StopTimer()
		dbcdCPU += post.settledCPU() - cpu
		b.StartTimer()
		n++
	}
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(n) }
	b.ReportMetric(float64(len(files)*n)/dbcd.Seconds(), "files/s")
	b.ReportMetric(per(dbcd)/float64(len(files)), "ms/file")
	if post.ok() {
		b.ReportMetric(per(dbcdCPU), "server-cpu-ms")
	}
	if psql != "" {
		b.ReportMetric(per(floor), "psql-ms")
		b.ReportMetric(dbcd.Seconds()/floor.Seconds(), "x-floor")
		b.ReportMetric((per(dbcd)-per(floor))/float64(len(files)), "overhead-ms/file")
		if post.ok() {
			b.ReportMetric(per(floorCPU), "psql-server-cpu-ms")
		}
	}
}

// psqlScript writes files, concatenated, to a script for psql and returns
// psql's path and the script's; psql is "" when it is not installed.
func psqlScript(b *testing.B, files []*source.File) (psql, script string) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		return "", ""
	}
	var all []byte
	for _, f := range files {
		all = append(append(all, f.Content...), '\n')
	}
	script = filepath.Join(b.TempDir(), "all.sql")
	if err := os.WriteFile(script, all, 0o600); err != nil {
		b.Fatal(err)
	}
	return psql, script
}

// runPsql runs script on url with psql --single-transaction -f.
func runPsql(b *testing.B, psql, script, url string) {
	out, err := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", script, url).CombinedOutput()
	if err != nil {
		b.Fatalf("psql: %v\n%s", err, out)
	}
}

// BenchmarkApply50Targets applies 20 files to each of 50 databases, at
// parallel 1 and 8, in three variants: against the local server, where
// every step is CPU on the same machine; through a proxy adding a
// network's latency (DBCD_BENCH_LATENCY each way, 2ms and 10ms by default; "0"
// skips the networked variants), as real targets are reached; and through
// the proxy to a private cluster with PostgreSQL's default durability
// (fsync and synchronous commits on), as real targets run. The
// parallel=8 runs report x-speedup over the parallel=1 run of the same
// variant.
//
// Every run also reports the CPU spent per target by the server's
// backends (server-cpu-ms) and by this process (client-cpu-ms: dbcd and,
// in the networked variants, the proxy). Here both share this machine's
// cores, unlike dbcd and real targets, so x-cpu-bound, the speedup the
// CPU allows at most (parallel=1's time over the CPU per target spread
// over every core), is the ceiling of x-speedup on this machine.
func BenchmarkApply50Targets(b *testing.B) {
	files := smallFiles(b, 20)
	type variant struct {
		name    string
		latency time.Duration
		durable bool
	}
	variants := []variant{{name: "local"}}
	lats := benchLatencies(b)
	for _, lat := range lats {
		variants = append(variants, variant{name: "latency=" + lat.String(), latency: lat})
	}
	if len(lats) > 0 {
		lat := lats[len(lats)-1]
		variants = append(variants, variant{name: "durable+latency=" + lat.String(), latency: lat, durable: true})
	}
	for _, v := range variants {
		var serial time.Duration
		for _, parallel := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/parallel=%d", v.name, parallel), func(b *testing.B) {
				newDB := pgtest.New
				if v.durable {
					newDB = pgtest.NewPrivate(b, pgtest.Durable()).NewDB
				}
				var proxy *latencyProxy
				if v.latency > 0 {
					proxy = startLatencyProxy(b, newDB(b).Cluster().HostPort(), v.latency)
				}
				post := postmasterOf(b, newDB(b))
				var total, serverCPU, clientCPU time.Duration
				n := 0
				for b.Loop() {
					b.StopTimer()
					o := Options{Stage: "test", Files: files, LockTimeout: 5 * time.Second, LockWait: time.Minute, Parallel: parallel}
					for i := range 50 {
						url := newDB(b).URL()
						if proxy != nil {
							url = proxy.URL(b, url)
						}
						o.Targets = append(o.Targets, Target{Stage: "test", Name: fmt.Sprintf("t%02d", i), DB: "app", URL: url})
					}
					server, client := post.settledCPU(), selfCPU()
					b.StartTimer()
					start := time.Now()
					if _, err := Run(context.Background(), o); err != nil {
						b.Fatal(err)
					}
					total += time.Since(start)
					b.StopTimer()
					clientCPU += selfCPU() - client
					serverCPU += post.settledCPU() - server
					b.StartTimer()
					n++
				}
				per := total / time.Duration(n)
				perTarget := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(n) / 50 }
				b.ReportMetric(per.Seconds()*1000/50, "ms/target")
				b.ReportMetric(perTarget(clientCPU), "client-cpu-ms")
				if post.ok() {
					b.ReportMetric(perTarget(serverCPU), "server-cpu-ms")
				}
				if parallel == 1 {
					serial = per
					return
				}
				if serial > 0 {
					b.ReportMetric(serial.Seconds()/per.Seconds(), "x-speedup")
					if cpu := clientCPU + serverCPU; post.ok() && cpu > 0 {
						bound := serial.Seconds() / (cpu.Seconds() / float64(n) / float64(runtime.NumCPU()))
						b.ReportMetric(min(bound, float64(parallel)), "x-cpu-bound")
					}
				}
			})
		}
	}
}

// benchLatencies reads DBCD_BENCH_LATENCY, the one-way latencies of the
// networked benchmark variants, comma-separated: by default 2ms (a target
// in the runner's region) and 10ms (a target in another region); "0" runs
// none. The durable variant uses the last.
func benchLatencies(b *testing.B) []time.Duration {
	s := os.Getenv("DBCD_BENCH_LATENCY")
	switch s {
	case "":
		return []time.Duration{2 * time.Millisecond, 10 * time.Millisecond}
	case "0":
		return nil
	}
	var out []time.Duration
	for _, f := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil || d <= 0 {
			b.Fatalf("DBCD_BENCH_LATENCY=%q: want durations such as 2ms,10ms", s)
		}
		out = append(out, d)
	}
	return out
}

// BenchmarkPsqlFloor runs the same 1,000 files through psql
// --single-transaction -f alone, the floor BenchmarkApply1000Files is
// measured against. It is skipped without psql.
func BenchmarkPsqlFloor(b *testing.B) {
	psql, script := psqlScript(b, smallFiles(b, 1000))
	if psql == "" {
		b.Skip("no psql")
	}
	for b.Loop() {
		b.StopTimer()
		db := pgtest.New(b)
		b.StartTimer()
		runPsql(b, psql, script, db.URL())
	}
}
