package pgtest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestDatabaseName(t *testing.T) {
	tests := []struct {
		test, wantPrefix string
	}{
		{"TestApply", "testapply_"},
		{"TestApply/no-transaction_file#01", "testapply_no_transaction_file_01_"},
		{"TestÜmlaut/ä", "test_mlaut_"},
		{"///", "test_"},
		{strings.Repeat("TestLong", 20), "testlongtestlong"},
	}
	for _, tt := range tests {
		got := databaseName(tt.test)
		if !strings.HasPrefix(got, tt.wantPrefix) {
			t.Errorf("databaseName(%q) = %q, want prefix %q", tt.test, got, tt.wantPrefix)
		}
		if len(got) > maxIdentLen {
			t.Errorf("databaseName(%q) = %q is %d bytes, more than %d", tt.test, got, len(got), maxIdentLen)
		}
		if strings.Trim(got, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			t.Errorf("databaseName(%q) = %q has characters outside [a-z0-9_]", tt.test, got)
		}
	}
	long := strings.Repeat("x", 200)
	if a, b := databaseName(long), databaseName(long); a == b {
		t.Errorf("two names for one long test name are both %q", a)
	}
}

func TestWithDatabase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:p%40ss@127.0.0.1:5432/postgres?sslmode=disable", "postgres://u:p%40ss@127.0.0.1:5432/t_1?sslmode=disable"},
		{"postgresql://u@h", "postgresql://u@h/t_1"},
		{"postgres://postgres@/postgres?host=%2Ftmp%2Fx", "postgres://postgres@/t_1?host=%2Ftmp%2Fx"},
		{"host=h user=u dbname=postgres", "host=h user=u dbname=postgres dbname='t_1'"},
	}
	for _, tt := range tests {
		if got := withDatabase(tt.in, "t_1"); got != tt.want {
			t.Errorf("withDatabase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// outcomeTB records whether Skip or Fatal ended the test.
type outcomeTB struct {
	testing.TB
	outcome, msg string
}

func (r *outcomeTB) Helper() {}

func (r *outcomeTB) Skip(args ...any) {
	r.outcome, r.msg = "skip", fmt.Sprint(args...)
	runtime.Goexit()
}

func (r *outcomeTB) Fatal(args ...any) {
	r.outcome, r.msg = "fatal", fmt.Sprint(args...)
	runtime.Goexit()
}

func TestUnavailableSkipsUnlessRequired(t *testing.T) {
	tests := []struct {
		ci, require, want string
	}{
		{"", "", "skip"},
		{"false", "0", "skip"},
		{"true", "", "fatal"},
		{"", "1", "fatal"},
	}
	for _, tt := range tests {
		t.Setenv("CI", tt.ci)
		t.Setenv("DBCD_REQUIRE_POSTGRES", tt.require)
		rec := &outcomeTB{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			unavailable(rec, errors.New("initdb not found"))
		}()
		<-done
		if rec.outcome != tt.want || !strings.Contains(rec.msg, "initdb not found") {
			t.Errorf("CI=%q DBCD_REQUIRE_POSTGRES=%q: %s %q, want %s with the reason",
				tt.ci, tt.require, rec.outcome, rec.msg, tt.want)
		}
	}
}

// TestServerDiesWithTheTestBinary starts a test binary that starts a
// cluster, kills it with SIGKILL and checks that the server goes too and
// that the next sweep removes the directory left behind.
func TestServerDiesWithTheTestBinary(t *testing.T) {
	if os.Getenv("PGTEST_KILL_HELPER") == "1" {
		Server(t)
		fmt.Printf("READY %d %s\n", shared.local.proc.Pid, shared.local.dir)
		time.Sleep(time.Minute)
		return
	}
	if testing.Short() {
		t.Skip("starts a second cluster")
	}
	if Server(t).External() {
		t.Skip("uses " + EnvURL + ", no private cluster")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServerDiesWithTheTestBinary$")
	cmd.Env = append(os.Environ(), "PGTEST_KILL_HELPER=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	var dir string
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if _, err := fmt.Sscanf(sc.Text(), "READY %d %s", &pid, &dir); err == nil {
			break
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if pid == 0 {
		t.Fatal("helper test binary did not report a running server")
	}
	deadline := time.Now().Add(10 * time.Second)
	for processAlive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("postgres (pid %d) still runs 10s after its test binary was killed", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("cluster directory of the killed binary: %v", err)
	}
	sweepStale(filepath.Dir(dir))
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cluster directory %s survived the sweep (stat: %v)", dir, err)
	}
}

// processAlive reports whether pid runs and is not a zombie.
func processAlive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || !strings.HasPrefix(s[i+1:], " Z")
}

// BenchmarkCreateDropDatabase measures the cost of one test's database.
func BenchmarkCreateDropDatabase(b *testing.B) {
	c := Server(b)
	for b.Loop() {
		name := databaseName(b.Name())
		if err := c.createDatabase(name); err != nil {
			b.Fatal(err)
		}
		if err := c.dropDatabase(name); err != nil {
			b.Fatal(err)
		}
	}
}
