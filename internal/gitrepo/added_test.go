package gitrepo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestLastChangedIn: the commit that gave each file its current content on
// the first-parent line, merges included; not the one that first added it.
func TestLastChangedIn(t *testing.T) {
	dir := t.TempDir()
	write := func(p, body string) {
		t.Helper()
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun(t, dir, "init", "-q", "-b", "main")
	write("m/a.sql", "select 1;\n")
	write("m/b.sql", "select 2;\n")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "one")
	first := gitRun(t, dir, "rev-parse", "HEAD")
	gitRun(t, dir, "checkout", "-q", "-b", "feature")
	write("m/b.sql", "drop table x;\n")
	gitRun(t, dir, "commit", "-q", "-am", "edit b")
	gitRun(t, dir, "checkout", "-q", "main")
	write("other.txt", "x\n")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "unrelated")
	gitRun(t, dir, "merge", "-q", "--no-ff", "-m", "merge feature", "feature")
	merge := gitRun(t, dir, "rev-parse", "HEAD")
	write("m/c.sql", "select 3;\n") // not committed

	got, err := LastChangedIn(context.Background(), filepath.Join(dir, "m"), []string{"a.sql", "b.sql", "c.sql"})
	if err != nil {
		t.Fatal(err)
	}
	if got["a.sql"] != first || got["b.sql"] != merge || len(got) != 2 {
		t.Errorf("got %v, want a.sql at %s, b.sql at the merge %s, c.sql unknown", got, first, merge)
	}
}
