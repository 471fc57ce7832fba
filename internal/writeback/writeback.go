// Package writeback writes schema files (the LATEST dumps) into the git
// repository dbcd runs in, commits them when their content changed and pushes
// the commits to a branch, rebasing them when someone pushed meanwhile.
//
// Pushes never force: the commits always go on the remote branch's current
// head, fetched first (one commit deep in a shallow clone, which keeps the
// clone consistent and needs no more history). A remote that refuses the
// push for another reason gives a [*RefusedError]; a shallow clone that
// lacks history the push needs gives [ErrShallowClone].
//
// It is dbcd's only writer of git objects and works through go-git alone: no
// git binary is needed. It takes plain values; the command layer turns
// dbcd.yaml and the environment into Options.
package writeback

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
)

// ErrPathEscapes is returned for a file path that would leave the repository.
var ErrPathEscapes = errors.New("path leaves the repository")

// ErrPushRejected is returned when the commits could not be pushed: the
// remote kept refusing them as non-fast-forward after every retry, refused
// them for another reason (a [*RefusedError]: branch restrictions, hooks,
// authentication), or could not be reached.
var ErrPushRejected = errors.New("push rejected")

// ErrShallowClone is returned when the repository is a shallow clone that
// lacks the history needed to put the commits on the branch's head (the
// branch forked before the clone's oldest commit). Bitbucket Pipelines
// clones 50 commits deep unless bitbucket-pipelines.yml says
// clone: depth: full.
var ErrShallowClone = errors.New("shallow clone")

// RefusedError is a push the remote refused for another reason than a
// newer head. It wraps ErrPushRejected.
type RefusedError struct {
	// Branch is the branch pushed to and Remote the remote's URL, with any
	// password masked.
	Branch, Remote string
	// Reason is go-git's error; RemoteMessage what the remote said (the
	// lines a hook or the server printed), both with secrets masked.
	Reason, RemoteMessage string
	// Auth is set when the remote asked for credentials or rejected them.
	Auth bool
}

func (e *RefusedError) Error() string {
	msg := fmt.Sprintf("%s: %s refused the push to branch %s: %s", ErrPushRejected, e.Remote, e.Branch, e.Reason)
	if e.RemoteMessage != "" {
		msg += "\nremote: " + strings.ReplaceAll(e.RemoteMessage, "\n", "\nremote: ")
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrPushRejected) hold.
func (e *RefusedError) Unwrap() error { return ErrPushRejected }

// DefaultRetries is how often a push rejected as non-fast-forward is retried
// (after a fetch and rebase) when PushOptions.Retries is zero.
const DefaultRetries = 3

// FileContent is one file to write.
type FileContent struct {
	// Path is the file's path relative to Options.Root, with slashes.
	Path    string
	Content []byte
	// Message is the commit message for this file's change; empty means
	// Options.Message. Each changed file gets its own commit.
	Message string
}

// PushOptions says where commits go.
type PushOptions struct {
	// Remote names the repository's remote (default "origin"); its
	// remote-tracking branch is updated on fetch and push.
	Remote string
	// URL overrides the remote's URL (for example BITBUCKET_GIT_HTTP_ORIGIN).
	URL string
	// Branch is the remote branch to push to (required).
	Branch string
	// ProxyURL sends the fetch and push through an HTTP proxy (Bitbucket
	// Pipelines' local authenticating proxy).
	ProxyURL string
	// User and Password, when Password is set, authenticate the fetch and
	// push of an http(s) URL with basic auth (a Bitbucket access token:
	// user x-token-auth). Without them, or for another kind of URL, the
	// remote's own configuration applies (credentials in the URL, the SSH
	// agent). The password never appears in errors.
	User, Password string
	// Retries is how many times a non-fast-forward rejection is retried
	// after fetching and re-creating our commits on the new remote head;
	// 0 means DefaultRetries, a negative value none.
	Retries int
}

// Options is one writeback.
type Options struct {
	// Root is a directory inside the git work tree; file paths are
	// relative to it. The repository is found from it.
	Root  string
	Files []FileContent
	// Author is "Name <email>", used as author and committer.
	Author  string
	Message string
	// Commit commits changed files; without it files are only written.
	Commit bool
	// Push, when set (and Commit), pushes the new commits.
	Push *PushOptions
	// Now is the commit time (default time.Now).
	Now func() time.Time
}

// FileResult says what happened to one file.
type FileResult struct {
	// Path is relative to the repository root, with slashes.
	Path string
	// Written is true when the file on disk was created or rewritten.
	Written bool
	// Changed is true when the content differs from the committed one (at
	// HEAD); only with Options.Commit.
	Changed bool
}

// Result reports a writeback.
type Result struct {
	Files []FileResult
	// Commits are the hashes of the commits made locally, oldest first.
	Commits []string
	// Pushed lists the hashes that reached the remote branch, oldest first;
	// after a rebase they differ from Commits. With no new local commit,
	// they are the commits made on the branch's head for files it did not
	// hold yet (a previous writeback's push failed, or the branch is not
	// the one checked out).
	Pushed []string
	// Attempts counts push attempts; Rebased is set when our local commits
	// were re-created on a newer remote head.
	Attempts int
	Rebased  bool
	// RemoteHadIt is set when the remote branch already held the content
	// of our local commits and nothing needed pushing.
	RemoteHadIt bool
}

// Write writes opts.Files under opts.Root, commits the changed ones and
// pushes them, as opts says.
func Write(ctx context.Context, opts Options) (Result, error) {
	var res Result
	repo, err := git.PlainOpenWithOptions(opts.Root, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return res, fmt.Errorf("%s: opening the git repository: %w", opts.Root, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return res, fmt.Errorf("opening the work tree: %w", err)
	}
	repoRoot := wt.Filesystem.Root()
	files := make([]FileContent, len(opts.Files))
	for i, f := range opts.Files {
		rel, err := repoPath(repoRoot, opts.Root, f.Path)
		if err != nil {
			return res, err
		}
		files[i] = FileContent{Path: rel, Content: f.Content, Message: f.Message}
		if files[i].Message == "" {
			files[i].Message = opts.Message
		}
		written, err := writeFile(repoRoot, rel, f.Content)
		if err != nil {
			return res, err
		}
		res.Files = append(res.Files, FileResult{Path: rel, Written: written})
	}
	if !opts.Commit {
		return res, nil
	}
	sig, err := ParseAuthor(opts.Author)
	if err != nil {
		return res, err
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	g := &gitRepo{repo: repo, wt: wt, name: sig.Name, email: sig.Email, now: now}
	commits, changed, err := g.commitLocal(files)
	if err != nil {
		return res, err
	}
	for i := range res.Files {
		res.Files[i].Changed = changed[res.Files[i].Path]
	}
	for _, c := range commits {
		res.Commits = append(res.Commits, c.hash.String())
	}
	if opts.Push == nil {
		return res, nil
	}
	err = g.push(ctx, *opts.Push, files, commits, &res)
	return res, err
}

// repoPath checks that path (relative to dir, itself inside repoRoot) stays
// inside the repository and returns it relative to repoRoot, with slashes.
func repoPath(repoRoot, dir, path string) (string, error) {
	if path == "" || filepath.IsAbs(path) || strings.HasPrefix(path, "/") {
		return "", fmt.Errorf("%q: %w (give a relative path)", path, ErrPathEscapes)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	realRoot, err := filepath.EvalSymlinks(repoRoot)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(absDir); err == nil {
		absDir = real
	}
	full := filepath.Join(absDir, filepath.FromSlash(path))
	rel, err := filepath.Rel(realRoot, full)
	if err != nil || !filepath.IsLocal(rel) {
		return "", fmt.Errorf("%q: %w", path, ErrPathEscapes)
	}
	if first, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); first == ".git" {
		return "", fmt.Errorf("%q: %w (it is inside .git)", path, ErrPathEscapes)
	}
	// A symbolic link on the way must not lead out of the repository.
	existing := full
	for {
		if _, err := os.Lstat(existing); err == nil {
			break
		}
		existing = filepath.Dir(existing)
	}
	if fi, err := os.Lstat(full); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return "", fmt.Errorf("%q: %w (it is a symbolic link)", path, ErrPathEscapes)
	}
	real, err := filepath.EvalSymlinks(existing)
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(realRoot, real); err != nil || (r != "." && !filepath.IsLocal(r)) {
		return "", fmt.Errorf("%q: %w (through a symbolic link)", path, ErrPathEscapes)
	}
	return filepath.ToSlash(rel), nil
}

// writeFile writes content to rel under root unless the file already holds
// it, and says whether it wrote.
func writeFile(root, rel string, content []byte) (bool, error) {
	full := filepath.Join(root, filepath.FromSlash(rel))
	if old, err := os.ReadFile(full); err == nil && string(old) == string(content) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return false, err
	}
	if err := os.WriteFile(full, content, 0o644); err != nil {
		return false, err
	}
	return true, nil
}

// Expand replaces each {{NAME}} of vars in s.
// Values are not expanded again.
func Expand(s string, vars map[string]string) string {
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, "{{"+k+"}}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
