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
