package writeback

import (
	"context"
	"errors"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// gitCLI runs the git command line in dir, for what go-git cannot do (a
// shallow clone of a local repository, a served repository); tests that
// need it are skipped without it.
func gitCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on PATH")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=dev", "GIT_AUTHOR_EMAIL=dev@example.com",
		"GIT_COMMITTER_NAME=dev", "GIT_COMMITTER_EMAIL=dev@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// writeCommit writes a file in the work tree at dir and commits everything.
func writeCommit(t *testing.T, dir, path, content, msg string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	gitCLI(t, dir, "add", "-A")
	gitCLI(t, dir, "commit", "-q", "-m", msg)
}

// shallowSetup makes a bare remote whose main has six commits changing
// bytebase/prod/a.sql, and a branch "schema" that forked from the first
// one and only added a README; then clones main two commits deep, as
// Bitbucket Pipelines clones (50 by default). It returns the clone, the
// remote and a clone with the full history (to push from as someone else).
func shallowSetup(t *testing.T) (work, bare, full string) {
	t.Helper()
	base := t.TempDir()
	bare, full, work = filepath.Join(base, "remote.git"), filepath.Join(base, "full"), filepath.Join(base, "work")
	gitCLI(t, base, "init", "-q", "--bare", "-b", "main", bare)
	gitCLI(t, base, "init", "-q", "-b", "main", full)
	writeCommit(t, full, "bytebase/prod/a.sql", "CREATE TABLE a ();\n", "c0")
	gitCLI(t, full, "branch", "schema")
	for _, c := range []string{"1", "2", "3", "4", "5"} {
		writeCommit(t, full, "bytebase/prod/a.sql", "CREATE TABLE a"+c+" ();\n", "c"+c)
	}
	gitCLI(t, full, "checkout", "-q", "schema")
	writeCommit(t, full, "README", "schema branch\n", "readme")
	gitCLI(t, full, "checkout", "-q", "main")
	gitCLI(t, full, "push", "-q", bare, "main", "schema")
	gitCLI(t, base, "clone", "-q", "--depth", "2", "--branch", "main", "file://"+bare, work)
	if _, err := os.Stat(filepath.Join(work, ".git", "shallow")); err != nil {
		t.Fatalf("the clone is not shallow: %v", err)
	}
	return work, bare, full
}

// TestShallowCloneFastForwards: a shallow clone pushes onto a branch that
// moved on since the clone; no deeper history is needed for that.
func TestShallowCloneFastForwards(t *testing.T) {
	work, bare, full := shallowSetup(t)
	writeCommit(t, full, "bytebase/prod/b.sql", "CREATE TABLE b ();\n", "someone else")
	gitCLI(t, full, "push", "-q", bare, "main")
	theirs := branchHead(t, bare)
	o := opts(work, "CREATE TABLE employee ();\n")
	o.Push = &PushOptions{Branch: "main"}
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	remote := branchHead(t, bare)
	if !res.Rebased || len(res.Pushed) != 1 || remote.Hash.String() != res.Pushed[0] || remote.ParentHashes[0] != theirs.Hash {
		t.Fatalf("%+v; remote main %s parents %v, want on %s", res, remote.Hash, remote.ParentHashes, theirs.Hash)
	}
	if fileAt(t, remote, "bytebase/prod/b.sql") == "" || fileAt(t, remote, latest) == "" {
		t.Fatal("the pushed commit lost their file or ours")
	}
}

// TestShallowCloneWritesBackToAnOldBranch: writeback.branch forked before
// the clone's oldest commit. Its head is fetched one commit deep, with the
// whole tree, so the commit can be built on it, and the clone stays a
// consistent shallow repository for the git command line.
func TestShallowCloneWritesBackToAnOldBranch(t *testing.T) {
	work, bare, _ := shallowSetup(t)
	before := branchHeadOf(t, bare, "schema")
	o := opts(work, "CREATE TABLE employee ();\n")
	o.Push = &PushOptions{Branch: "schema"}
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	remote := branchHead(t, bare)
	if schema := branchHeadOf(t, bare, "schema"); len(res.Pushed) != 1 || schema.String() != res.Pushed[0] {
		t.Fatalf("%+v, remote schema at %s", res, schema)
	}
	c, err := object.GetCommit(mustOpen(t, bare).Storer, branchHeadOf(t, bare, "schema"))
	if err != nil || len(c.ParentHashes) != 1 || c.ParentHashes[0] != before {
		t.Fatalf("pushed commit %v, want on %s: %v", c, before, err)
	}
	if fileAt(t, c, "README") == "" || fileAt(t, c, "bytebase/prod/a.sql") != "CREATE TABLE a ();\n" || fileAt(t, c, latest) == "" {
		t.Fatal("the pushed commit does not hold the schema branch's files plus ours")
	}
	if branchHead(t, bare).Hash != remote.Hash {
		t.Fatal("main moved")
	}
	gitCLI(t, work, "fsck", "--no-progress")
	gitCLI(t, work, "log", "--oneline", "--all")
	gitCLI(t, work, "fetch", "-q", "--unshallow")
}

// TestShallowCloneCannotPushWithoutHistory: a shallow clone pushes a new
// branch to a remote that lacks the history below the clone's oldest
// commit, which only a full clone could send. The push is refused with
// what to change in bitbucket-pipelines.yml, and after
// `git fetch --unshallow` the same writeback goes through.
func TestShallowCloneCannotPushWithoutHistory(t *testing.T) {
	work, _, _ := shallowSetup(t)
	other := filepath.Join(t.TempDir(), "other.git")
	gitCLI(t, filepath.Dir(other), "init", "-q", "--bare", "-b", "main", other)
	o := opts(work, "CREATE TABLE employee ();\n")
	o.Push = &PushOptions{Branch: "main", URL: other}
	res, err := Write(context.Background(), o)
	if !errors.Is(err, ErrShallowClone) {
		t.Fatalf("err = %v, want ErrShallowClone", err)
	}
	for _, want := range []string{"branch main", "shallow", "bitbucket-pipelines.yml", "clone:\n    depth: full", "git fetch --unshallow"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	if len(res.Commits) != 1 || len(res.Pushed) != 0 {
		t.Fatalf("%+v", res)
	}
	if refs, _ := mustOpen(t, other).References(); refs != nil {
		_ = refs.ForEach(func(r *plumbing.Reference) error {
			if r.Name().IsBranch() {
				t.Errorf("the remote got branch %s", r.Name())
			}
			return nil
		})
	}

	gitCLI(t, work, "fetch", "-q", "--unshallow")
	if res, err = Write(context.Background(), o); err != nil || len(res.Pushed) != 1 || branchHeadOf(t, other, "main").String() != res.Pushed[0] {
		t.Fatalf("after --unshallow: %+v %v", res, err)
	}
}

// mustOpen opens the repository at dir.
func mustOpen(t *testing.T, dir string) *git.Repository {
	t.Helper()
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

// TestPushRefusedByHook: a pre-receive hook (as branch restrictions do)
// refuses the push; the error names the branch and carries what the remote
// said, and the branch is left alone.
func TestPushRefusedByHook(t *testing.T) {
	work, bare := setup(t)
	hooks := filepath.Join(bare, "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	hook := "#!/bin/sh\necho 'Permission denied to update branch main.' >&2\nexit 1\n"
	if err := os.WriteFile(filepath.Join(hooks, "pre-receive"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	before := branchHead(t, bare).Hash
	o := opts(work, "CREATE TABLE employee ();\n")
	o.Push = &PushOptions{Branch: "main"}
	res, err := Write(context.Background(), o)
	var refused *RefusedError
	if !errors.As(err, &refused) || !errors.Is(err, ErrPushRejected) {
		t.Fatalf("err = %v, want a RefusedError", err)
	}
	if refused.Branch != "main" || refused.Auth || !strings.Contains(refused.RemoteMessage, "Permission denied to update branch main.") {
		t.Fatalf("%+v", refused)
	}
	if !strings.Contains(err.Error(), "refused the push to branch main") || !strings.Contains(err.Error(), "remote: Permission denied") {
		t.Fatalf("message: %s", err)
	}
	if res.Attempts != 1 || len(res.Pushed) != 0 || branchHead(t, bare).Hash != before {
		t.Fatalf("%+v; remote moved", res)
	}

	// Once the branch accepts pushes, the next writeback pushes the file,
	// although it made its commit locally the first time.
	if err := os.Remove(filepath.Join(hooks, "pre-receive")); err != nil {
		t.Fatal(err)
	}
	res, err = Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	remote := branchHead(t, bare)
	if len(res.Commits) != 0 || len(res.Pushed) != 1 || remote.Hash.String() != res.Pushed[0] || remote.ParentHashes[0] != before {
		t.Fatalf("%+v; remote main %s", res, remote.Hash)
	}
	if fileAt(t, remote, latest) != "CREATE TABLE employee ();\n" || !strings.Contains(remote.Message, "[skip ci]") {
		t.Fatalf("pushed commit %q holds %q", remote.Message, fileAt(t, remote, latest))
	}
	// And the one after that has nothing left to push.
	if res, err = Write(context.Background(), o); err != nil || len(res.Pushed) != 0 || res.RemoteHadIt {
		t.Fatalf("%+v %v", res, err)
	}
}

// gitServer serves the bare repositories under root over smart HTTP
// (git http-backend), accepting only basic auth with user and password,
// and records the credentials it was sent.
type gitServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string
}

func serveGit(t *testing.T, root, user, password string) *gitServer {
	t.Helper()
	backend := filepath.Join(strings.TrimSpace(gitCLI(t, root, "--exec-path")), "git-http-backend")
	if _, err := os.Stat(backend); err != nil {
		t.Skipf("no git-http-backend: %v", err)
	}
	s := &gitServer{}
	cgiHandler := &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1", "REMOTE_USER=" + user}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		s.mu.Lock()
		s.seen = append(s.seen, u+":"+p)
		s.mu.Unlock()
		if !ok || u != user || p != password {
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		cgiHandler.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// credentials returns the distinct user:password pairs the server saw.
func (s *gitServer) credentials() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, c := range s.seen {
		if len(out) == 0 || out[len(out)-1] != c {
			out = append(out, c)
		}
	}
	return out
}

// TestPushWithTokenOverHTTP: with a password (an access token), the fetch
// and push of an http remote use basic auth as the given user; a wrong or
// missing token is refused as an authentication problem, and the token
// never shows in the error.
func TestPushWithTokenOverHTTP(t *testing.T) {
	work, bare := setup(t)
	const token = "tok-5ecr3t-value"
	srv := serveGit(t, filepath.Dir(bare), "x-token-auth", token)
	remoteURL := srv.URL + "/" + filepath.Base(bare)

	for _, tc := range []struct{ name, password string }{{"no token", ""}, {"wrong token", "wrong-" + token}} {
		o := opts(work, "CREATE TABLE employee ();\n")
		o.Push = &PushOptions{Branch: "main", URL: remoteURL, User: "x-token-auth", Password: tc.password}
		_, err := Write(context.Background(), o)
		if !errors.Is(err, ErrPushRejected) {
			t.Fatalf("%s: err = %v, want ErrPushRejected", tc.name, err)
		}
		if strings.Contains(err.Error(), token) {
			t.Errorf("%s: the token shows in the error: %s", tc.name, err)
		}
	}

	srv.mu.Lock()
	srv.seen = nil
	srv.mu.Unlock()
	o := opts(work, "CREATE TABLE employee (id int);\n")
	o.Push = &PushOptions{Branch: "main", URL: remoteURL, User: "x-token-auth", Password: token}
	res, err := Write(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pushed) != 1 || branchHead(t, bare).Hash.String() != res.Pushed[0] {
		t.Fatalf("%+v, remote main at %s", res, branchHead(t, bare).Hash)
	}
	if got := srv.credentials(); len(got) != 1 || got[0] != "x-token-auth:"+token {
		t.Fatalf("server saw credentials %q, want only x-token-auth with the token", got)
	}
}

// TestRefusedAuthIsReportedAsSuch: a push refused for credentials says so.
func TestRefusedAuthIsReportedAsSuch(t *testing.T) {
	work, bare := setup(t)
	srv := serveGit(t, filepath.Dir(bare), "x-token-auth", "right")
	o := opts(work, "x\n")
	o.Push = &PushOptions{Branch: "main", URL: srv.URL + "/" + filepath.Base(bare), User: "x-token-auth", Password: "wrong"}
	_, err := Write(context.Background(), o)
	var refused *RefusedError
	if !errors.As(err, &refused) || !refused.Auth || refused.Branch != "main" {
		t.Fatalf("err = %v (%+v), want a RefusedError for authentication", err, refused)
	}
}

// branchHeadOf returns the hash branch points at in the repository at dir.
func branchHeadOf(t *testing.T, dir, branch string) plumbing.Hash {
	t.Helper()
	ref, err := mustOpen(t, dir).Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		t.Fatal(err)
	}
	return ref.Hash()
}
