package gitrepo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"
)

func commitAll(t *testing.T, repo *git.Repository, msg string) plumbing.Hash {
	t.Helper()
	wt, _ := repo.Worktree()
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "t", Email: "t@x", When: time.Unix(1700000000, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestChanged(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "bytebase/prod/a.sql", "A")
	write(t, dir, "bytebase/prod/gone.sql", "G")
	commitAll(t, repo, "base")
	wt, _ := repo.Worktree()
	if err := wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName("feature"), Create: true}); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "bytebase/prod/b.sql", "B")
	write(t, dir, "bytebase/prod/a.sql", "A2")
	if err := os.Remove(filepath.Join(dir, "bytebase/prod/gone.sql")); err != nil {
		t.Fatal(err)
	}
	commitAll(t, repo, "feature")
	write(t, dir, "bytebase/prod/c.sql", "untracked")

	root, files, err := Changed(context.Background(), filepath.Join(dir, "bytebase"), "master")
	if err != nil {
		t.Fatal(err)
	}
	if root != dir {
		t.Errorf("root = %s, want %s", root, dir)
	}
	want := []string{"bytebase/prod/a.sql", "bytebase/prod/b.sql", "bytebase/prod/c.sql"}
	if d := cmp.Diff(want, files); d != "" {
		t.Errorf("changed files (-want +got):\n%s", d)
	}

	if _, _, err := Changed(context.Background(), dir, "no-such-branch"); err == nil {
		t.Error("unknown base accepted")
	}
}

func TestNotRepository(t *testing.T) {
	_, _, err := Changed(context.Background(), t.TempDir(), "main")
	if !errors.Is(err, ErrNotRepository) {
		t.Errorf("err = %v", err)
	}
}

func TestUncommitted(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, ".gitignore", "*.log\n")
	write(t, dir, "bytebase/prod/a.sql", "A")
	write(t, dir, "bytebase/prod/b.sql", "B")
	write(t, dir, "bytebase/prod/gone.sql", "G")
	commitAll(t, repo, "base")

	write(t, dir, "bytebase/prod/a.sql", "A2")        // modified, not staged
	write(t, dir, "bytebase/prod/b.sql", "B2")        // modified and staged
	write(t, dir, "bytebase/prod/new.sql", "N")       // added and staged
	write(t, dir, "bytebase/prod/untracked.sql", "U") // untracked
	write(t, dir, "debug.log", "ignored")
	if err := os.Remove(filepath.Join(dir, "bytebase/prod/gone.sql")); err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	for _, p := range []string{"bytebase/prod/b.sql", "bytebase/prod/new.sql"} {
		if _, err := wt.Add(p); err != nil {
			t.Fatal(err)
		}
	}

	root, files, err := Uncommitted(context.Background(), filepath.Join(dir, "bytebase", "prod"), false)
	if err != nil {
		t.Fatal(err)
	}
	if root != dir {
		t.Errorf("root = %s, want %s", root, dir)
	}
	want := []string{"bytebase/prod/a.sql", "bytebase/prod/b.sql", "bytebase/prod/new.sql", "bytebase/prod/untracked.sql"}
	if d := cmp.Diff(want, files); d != "" {
		t.Errorf("uncommitted files (-want +got):\n%s", d)
	}

	_, files, err = Uncommitted(context.Background(), dir, true)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"bytebase/prod/b.sql", "bytebase/prod/new.sql"}
	if d := cmp.Diff(want, files); d != "" {
		t.Errorf("staged files (-want +got):\n%s", d)
	}

	if _, _, err := Uncommitted(context.Background(), t.TempDir(), false); !errors.Is(err, ErrNotRepository) {
		t.Errorf("outside a repository: err = %v", err)
	}
}

func TestUncommittedWithoutCommits(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "a.sql", "A")
	write(t, dir, "b.sql", "B")
	wt, _ := repo.Worktree()
	if _, err := wt.Add("a.sql"); err != nil {
		t.Fatal(err)
	}
	_, files, err := Uncommitted(context.Background(), dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"a.sql", "b.sql"}, files); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	_, files, err = Uncommitted(context.Background(), dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"a.sql"}, files); d != "" {
		t.Errorf("staged (-want +got):\n%s", d)
	}
}

func TestHooksDir(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "db/dbcd.yaml", "")
	hooks, root, err := HooksDir(filepath.Join(dir, "db"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, ".git", "hooks"); hooks != want || root != dir {
		t.Errorf("HooksDir = %s, %s; want %s, %s", hooks, root, want, dir)
	}

	cfg, _ := repo.Config()
	cfg.Raw.Section("core").SetOption("hooksPath", ".githooks")
	if err := repo.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	hooks, _, err = HooksDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, ".githooks"); hooks != want {
		t.Errorf("with core.hooksPath: %s, want %s", hooks, want)
	}

	if _, _, err := HooksDir(t.TempDir()); !errors.Is(err, ErrNotRepository) {
		t.Errorf("outside a repository: err = %v", err)
	}
}

func TestRoot(t *testing.T) {
	dir := t.TempDir()
	if _, err := git.PlainInit(dir, false); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "db/x", "")
	if root, err := Root(filepath.Join(dir, "db")); err != nil || root != dir {
		t.Errorf("Root = %s, %v; want %s", root, err, dir)
	}
	if _, err := Root(t.TempDir()); !errors.Is(err, ErrNotRepository) {
		t.Errorf("outside a repository: err = %v", err)
	}
}
