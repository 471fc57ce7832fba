package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/iostreams"
	"github.com/dbcd/dbcd/internal/review/benchgen"
)

// BenchmarkReviewProcess times `dbcd review`, process start to exit, on
// repositories of 1,000 and 5,000 generated files (benchgen), under the
// default policy (recommended) and under --policy all (every rule, about 35
// findings a file), beside the bare parse of the same files: pg_query.Parse
// alone, in a process of its own (internal/sqlparse/internal/parseonly),
// and dbcd's start-up (`dbcd version`), run in the same iterations. The
// binaries are built with `go build` first.
//
// ns/op is the review's wall time. parse-s, startup-s and review-s are the
// wall times of the three processes per run; x-parse is review-s/parse-s,
// and x-parse-net is (review-s - startup-s)/parse-s: the target is
// a review costing at most 1.5 times the bare parse plus start-up, so at
// most 1.5 here. cpu-x-parse is the ratio of CPU times (user + system) of
// review and parse, which the load of a shared machine disturbs less, but
// which counts the review's work on several cores in full.
func BenchmarkReviewProcess(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("go is not in PATH: cannot build the binaries")
	}
	bin := b.TempDir()
	dbcd, floor := filepath.Join(bin, "dbcd"), filepath.Join(bin, "parseonly")
	for _, c := range [][]string{
		{"build", "-o", dbcd, "github.com/dbcd/dbcd/cmd/dbcd"},
		{"build", "-o", floor, "github.com/dbcd/dbcd/internal/sqlparse/internal/parseonly"},
	} {
		if out, err := exec.Command("go", c...).CombinedOutput(); err != nil {
			b.Fatalf("go %s: %v\n%s", strings.Join(c, " "), err, out)
		}
	}
	for _, n := range benchSizes(b) {
		repo := b.TempDir()
		if err := benchgen.WriteRepo(repo, n); err != nil {
			b.Fatal(err)
		}
		for _, policy := range []string{"recommended", "all"} {
			args := []string{"review", "--no-insights"}
			if policy != "recommended" {
				args = append(args, "--policy", policy)
			}
			b.Run(fmt.Sprintf("files=%d/policy=%s", n, policy), func(b *testing.B) {
				var parseWall, parseCPU, startWall, reviewWall, reviewCPU time.Duration
				for b.Loop() {
					b.StopTimer()
					w, c := timeProcess(b, repo, floor, filepath.Join(repo, "migrations"))
					parseWall, parseCPU = parseWall+w, parseCPU+c
					w, _ = timeProcess(b, repo, dbcd, "version")
					startWall += w
					b.StartTimer()
					w, c = timeProcess(b, repo, dbcd, args...)
					reviewWall, reviewCPU = reviewWall+w, reviewCPU+c
				}
				runs := float64(b.N)
				b.ReportMetric(parseWall.Seconds()/runs, "parse-s")
				b.ReportMetric(startWall.Seconds()/runs, "startup-s")
				b.ReportMetric(reviewWall.Seconds()/runs, "review-s")
				b.ReportMetric(reviewWall.Seconds()/parseWall.Seconds(), "x-parse")
				b.ReportMetric((reviewWall-startWall).Seconds()/parseWall.Seconds(), "x-parse-net")
				b.ReportMetric(reviewCPU.Seconds()/parseCPU.Seconds(), "cpu-x-parse")
			})
		}
	}
}

// timeProcess runs the program in dir with its output thrown away and
// returns its wall and CPU time; it fails the benchmark unless the program
// exits 0.
func timeProcess(b *testing.B, dir, prog string, args ...string) (wall, cpu time.Duration) {
	b.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer null.Close()
	var stderr bytes.Buffer
	cmd := exec.Command(prog, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, null, &stderr
	cmd.Env = append(benchEnv(), "NO_COLOR=1")
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, stderr.String())
	}
	wall = time.Since(start)
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// benchEnv is the environment without Bitbucket Pipelines' variables, so
// that a benchmark run in a pipeline publishes nothing.
func benchEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BITBUCKET_") {
			env = append(env, kv)
		}
	}
	return env
}

// BenchmarkReviewRun runs `dbcd review --policy all` in process (run), with
// the report thrown away: the one to profile with -cpuprofile and
// -memprofile when BenchmarkReviewProcess is slow.
func BenchmarkReviewRun(b *testing.B) {
	for _, n := range benchSizes(b) {
		repo := b.TempDir()
		if err := benchgen.WriteRepo(repo, n); err != nil {
			b.Fatal(err)
		}
		args := []string{"review", "--config", filepath.Join(repo, "dbcd.yaml"), "--policy", "all", "--no-insights"}
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			for b.Loop() {
				s, _, _, _ := iostreams.Test()
				s.Out, s.ErrOut = io.Discard, io.Discard
				if code := run(args, s, func(string) string { return "" }); code != 0 {
					b.Fatalf("dbcd review exited %d", code)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// benchSizes returns the history lengths the review benchmarks time (the
// cost per file must not grow with the history): 1,000 and 5,000 files, or
// those of DBCD_BENCH_FILES (e.g. "1000").
func benchSizes(b *testing.B) []int {
	s := os.Getenv("DBCD_BENCH_FILES")
	if s == "" {
		return []int{1000, 5000}
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("DBCD_BENCH_FILES=%q: want counts such as 1000,5000", s)
		}
		out = append(out, n)
	}
	return out
}
