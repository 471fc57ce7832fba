package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/iostreams"
	"github.com/dbcd/dbcd/internal/review/benchgen"
)

// benchSizes are the history lengths the review benchmarks time: the cost
// per file must not grow with the history.
var benchSizes = []int{1000, 5000}

// BenchmarkReviewProcess times `dbcd review --policy all`, process start to
// exit, on repositories of 1,000 and 5,000 generated files (benchgen),
// beside the bare parse of the same files: pg_query.Parse alone, in a
// process of its own (internal/sqlparse/internal/parseonly), run in the
// same iterations. Both binaries are built with `go build` first.
//
// ns/op is the review's wall time. parse-s and review-s are the wall times
// of the two processes per run, x-parse their ratio (the target is at most
// 1.5); cpu-x-parse is the ratio of their CPU times (user + system), which
// the load of a shared machine disturbs less, but which counts the review's
// parsing on several cores in full.
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
	for _, n := range benchSizes {
		repo := b.TempDir()
		if err := benchgen.WriteRepo(repo, n); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			var parseWall, parseCPU, reviewWall, reviewCPU time.Duration
			for b.Loop() {
				b.StopTimer()
				w, c := timeProcess(b, repo, floor, filepath.Join(repo, "migrations"))
				parseWall, parseCPU = parseWall+w, parseCPU+c
				b.StartTimer()
				w, c = timeProcess(b, repo, dbcd, "review", "--policy", "all", "--no-insights")
				reviewWall, reviewCPU = reviewWall+w, reviewCPU+c
			}
			runs := float64(b.N)
			b.ReportMetric(parseWall.Seconds()/runs, "parse-s")
			b.ReportMetric(reviewWall.Seconds()/runs, "review-s")
			b.ReportMetric(reviewWall.Seconds()/parseWall.Seconds(), "x-parse")
			b.ReportMetric(reviewCPU.Seconds()/parseCPU.Seconds(), "cpu-x-parse")
		})
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
	for _, n := range benchSizes {
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
