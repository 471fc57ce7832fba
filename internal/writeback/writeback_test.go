package writeback

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

const author = "dbcd <dbcd@localhost>"

var fixedNow = func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC) }

// setup makes a bare remote and a clone-like work repository whose main
// branch (one commit holding bytebase/prod/a.sql) is pushed to it as origin.
func setup(t *testing.T) (work, bare string) {
	t.Helper()
	base := t.TempDir()
	bare, work = filepath.Join(base, "remote.git"), filepath.Join(base, "work")
	if _, err := git.PlainInitWithOptions(bare, &git.PlainInitOptions{Bare: true, InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}}); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInitWithOptions(work, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		t.Fatal(err)
	}
	commitFile(t, repo, work, "bytebase/prod/a.sql", "CREATE TABLE a (id int);\n", "initial")
	if _, err := repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{bare}}); err != nil {
		t.Fatal(err)
	}
	if err := repo.Push(&git.PushOptions{RefSpecs: []config.RefSpec{"refs/heads/main:refs/heads/main"}}); err != nil {
		t.Fatal(err)
	}
	return work, bare
}

// commitFile writes and commits one file with go-git's work tree.
func commitFile(t *testing.T, repo *git.Repository, dir, path, content, msg string) plumbing.Hash {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Add(path); err != nil {
		t.Fatal(err)
	}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "dev", Email: "dev@example.com", When: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// branchHead returns the commit at refs/heads/main of the repository at dir.
func branchHead(t *testing.T, dir string) *object.Commit {
	t.Helper()
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := repo.Reference(plumbing.NewBranchReferenceName("main"), true)
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitObject(ref.Hash())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fileAt returns the content of path in commit c ("" when missing).
func fileAt(t *testing.T, c *object.Commit, path string) string {
	t.Helper()
	f, err := c.File(path)
	if errors.Is(err, object.ErrFileNotFound) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.Contents()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const latest = "bytebase/prod/.employee##LATEST.sql"

func opts(work, content string) Options {
	return Options{
		Root:    work,
		Files:   []FileContent{{Path: latest, Content: []byte(content), Message: "dbcd: update latest schema for \"employee\" on prod after 2 [skip ci]"}},
		Author:  author,
		Commit:  true,
		Now:     fixedNow,
		Message: "unused",
	}
}

func TestCommitOnlyWhenChanged(t *testing.T) {
	work, _ := setup(t)
	ctx := context.Background()
	before := branchHead(t, work)

	res, err := Write(ctx, opts(work, "CREATE TABLE employee ();\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Commits) != 1 || !res.Files[0].Changed || !res.Files[0].Written {
		t.Fatalf("first write: %+v", res)
	}
	head := branchHead(t, work)
	if head.Hash.String() != res.Commits[0] || head.ParentHashes[0] != before.Hash {
		t.Fatalf("HEAD %s (parents %v), want %s on %s", head.Hash, head.ParentHashes, res.Commits[0], before.Hash)
	}
	if head.Author.Name != "dbcd" || head.Author.Email != "dbcd@localhost" || !strings.Contains(head.Message, "[skip ci]") {
		t.Fatalf("commit author %v message %q", head.Author, head.Message)
	}
	if got := fileAt(t, head, latest); got != "CREATE TABLE employee ();\n" {
		t.Fatalf("committed content %q", got)
	}
	if got := fileAt(t, head, "bytebase/prod/a.sql"); got == "" {
		t.Fatal("the commit lost an existing file")
	}
	// The work tree is clean: the index matches the new commit.
	repo, _ := git.PlainOpen(work)
	wt, _ := repo.Worktree()
	st, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !st.IsClean() {
		t.Fatalf("work tree not clean after writeback:\n%s", st)
	}

	res, err = Write(ctx, opts(work, "CREATE TABLE employee ();\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Commits) != 0 || res.Files[0].Changed || res.Files[0].Written {
		t.Fatalf("second write made a change: %+v", res)
	}
	if branchHead(t, work).Hash != head.Hash {
		t.Fatal("second write moved HEAD")
	}
}

func TestNoCommitOnlyWrites(t *testing.T) {
	work, _ := setup(t)
	before := branchHead(t, work)
	o := opts(work, "x\n")
	o.Commit = false
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Commits) != 0 || !res.Files[0].Written {
		t.Fatalf("%+v", res)
	}
	if b, _ := os.ReadFile(filepath.Join(work, filepath.FromSlash(latest))); string(b) != "x\n" {
		t.Fatalf("file holds %q", b)
	}
	if branchHead(t, work).Hash != before.Hash {
		t.Fatal("--no-commit committed")
	}
}

func TestPushToBareRemote(t *testing.T) {
	work, bare := setup(t)
	o := opts(work, "CREATE TABLE employee (nick_name text);\n")
	o.Push = &PushOptions{Branch: "main"}
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Attempts != 1 || res.Rebased || len(res.Pushed) != 1 || res.Pushed[0] != res.Commits[0] {
		t.Fatalf("%+v", res)
	}
	remote := branchHead(t, bare)
	if remote.Hash.String() != res.Commits[0] {
		t.Fatalf("remote main at %s, want %s", remote.Hash, res.Commits[0])
	}
	if got := fileAt(t, remote, latest); !strings.Contains(got, "nick_name") {
		t.Fatalf("remote file %q", got)
	}
	if !strings.Contains(remote.Message, "[skip ci]") {
		t.Fatalf("message %q", remote.Message)
	}
	// The remote-tracking branch follows.
	repo, _ := git.PlainOpen(work)
	if ref, err := repo.Reference(plumbing.NewRemoteReferenceName("origin", "main"), true); err != nil || ref.Hash() != remote.Hash {
		t.Fatalf("origin/main: %v %v", ref, err)
	}
}

// otherClone clones bare and returns a function that commits a new file
// there and pushes it, as someone else would.
func otherClone(t *testing.T, bare string) func() plumbing.Hash {
	t.Helper()
	other := filepath.Join(t.TempDir(), "other")
	orepo, err := git.PlainClone(other, false, &git.CloneOptions{URL: bare})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	return func() plumbing.Hash {
		n++
		name := "bytebase/prod/b" + string(rune('0'+n)) + ".sql"
		h := commitFile(t, orepo, other, name, "CREATE TABLE b ();\n", "someone else")
		if err := orepo.Push(&git.PushOptions{}); err != nil {
			t.Fatal(err)
		}
		return h
	}
}

// TestRemoteMovedBefore: the remote branch moved on since our clone; our
// commit goes on its head.
func TestRemoteMovedBefore(t *testing.T) {
	work, bare := setup(t)
	theirs := otherClone(t, bare)()
	o := opts(work, "CREATE TABLE employee (nick_name text);\n")
	o.Push = &PushOptions{Branch: "main"}
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Rebased || res.Attempts != 1 || len(res.Pushed) != 1 || res.Pushed[0] == res.Commits[0] {
		t.Fatalf("%+v", res)
	}
	checkRebased(t, bare, res, theirs)
}

// TestPushRace: another clone pushes between our fetch and our push; the
// push is refused as non-fast-forward, ours is re-created and pushed again.
func TestPushRace(t *testing.T) {
	work, bare := setup(t)
	push := otherClone(t, bare)
	var theirs plumbing.Hash
	beforePush = func(attempt int) {
		if attempt == 1 {
			theirs = push()
		}
	}
	t.Cleanup(func() { beforePush = nil })
	o := opts(work, "CREATE TABLE employee (nick_name text);\n")
	o.Push = &PushOptions{Branch: "main"}
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Rebased || res.Attempts != 2 {
		t.Fatalf("%+v", res)
	}
	checkRebased(t, bare, res, theirs)
}

func checkRebased(t *testing.T, bare string, res Result, theirs plumbing.Hash) {
	t.Helper()
	remote := branchHead(t, bare)
	if remote.Hash.String() != res.Pushed[0] || len(remote.ParentHashes) != 1 || remote.ParentHashes[0] != theirs {
		t.Fatalf("remote main %s parents %v, want %s on %s", remote.Hash, remote.ParentHashes, res.Pushed[0], theirs)
	}
	if fileAt(t, remote, "bytebase/prod/b1.sql") == "" || !strings.Contains(fileAt(t, remote, latest), "nick_name") {
		t.Fatal("rebased commit lost their file or our content")
	}
	if remote.Author.Email != "dbcd@localhost" || !strings.Contains(remote.Message, "[skip ci]") {
		t.Fatalf("rebased commit %v %q", remote.Author, remote.Message)
	}
}

// TestPushRaceSameContent: the remote already holds our content.
func TestPushRaceSameContent(t *testing.T) {
	work, bare := setup(t)
	other := filepath.Join(t.TempDir(), "other")
	orepo, err := git.PlainClone(other, false, &git.CloneOptions{URL: bare})
	if err != nil {
		t.Fatal(err)
	}
	theirs := commitFile(t, orepo, other, latest, "same\n", "another writeback")
	if err := orepo.Push(&git.PushOptions{}); err != nil {
		t.Fatal(err)
	}
	o := opts(work, "same\n")
	o.Push = &PushOptions{Branch: "main"}
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !res.RemoteHadIt || len(res.Pushed) != 0 || branchHead(t, bare).Hash != theirs {
		t.Fatalf("%+v", res)
	}
}

// TestPushGivesUp: someone pushes before every attempt; after the first
// push and DefaultRetries retries writeback gives up.
func TestPushGivesUp(t *testing.T) {
	work, bare := setup(t)
	push := otherClone(t, bare)
	beforePush = func(int) { push() }
	t.Cleanup(func() { beforePush = nil })
	o := opts(work, "ours\n")
	o.Push = &PushOptions{Branch: "main"}
	res, err := Write(context.Background(), o)
	if !errors.Is(err, ErrPushRejected) || !strings.Contains(err.Error(), "gave up after 4 attempts") {
		t.Fatalf("err = %v", err)
	}
	if res.Attempts != 1+DefaultRetries {
		t.Fatalf("attempts = %d", res.Attempts)
	}
}

// TestPushNewBranch: a branch the remote does not have yet is created.
func TestPushNewBranch(t *testing.T) {
	work, bare := setup(t)
	o := opts(work, "x\n")
	o.Push = &PushOptions{Branch: "schema"}
	res, err := Write(context.Background(), o)
	if err != nil || len(res.Pushed) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	repo, _ := git.PlainOpen(bare)
	if ref, err := repo.Reference(plumbing.NewBranchReferenceName("schema"), true); err != nil || ref.Hash().String() != res.Pushed[0] {
		t.Fatalf("remote schema branch: %v %v", ref, err)
	}
}

func TestPathEscapeRefused(t *testing.T) {
	work, _ := setup(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(work, "link")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../x.sql", "bytebase/../../x.sql", filepath.Join(outside, "x.sql"), "link/x.sql", ".git/config"} {
		o := opts(work, "x\n")
		o.Files[0].Path = p
		if _, err := Write(context.Background(), o); !errors.Is(err, ErrPathEscapes) {
			t.Errorf("%s: err = %v, want ErrPathEscapes", p, err)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("wrote outside the repository: %v", entries)
	}
	// Root may be a subdirectory; paths stay relative to it.
	o := opts(filepath.Join(work, "bytebase"), "y\n")
	o.Files[0].Path = "prod/.employee##LATEST.sql"
	res, err := Write(context.Background(), o)
	if err != nil || res.Files[0].Path != latest {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestParseAuthorAndExpand(t *testing.T) {
	a, err := ParseAuthor("bitbucket-pipelines <commits-noreply@bitbucket.org>")
	if err != nil || a.Name != "bitbucket-pipelines" || a.Email != "commits-noreply@bitbucket.org" {
		t.Fatalf("%+v %v", a, err)
	}
	if _, err := ParseAuthor("nobody"); err == nil {
		t.Fatal("accepted an author without email")
	}
	got := Expand("{{A}}/{{B}}", map[string]string{"A": "{{B}}", "B": "b"})
	if got != "{{B}}/b" {
		t.Fatalf("Expand = %q", got)
	}
}
