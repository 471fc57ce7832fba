// Package gitrepo answers questions about the git repository dbcd runs in,
// through go-git (no git binary needed): which files changed against a base
// revision.
package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ErrNotRepository is returned when dir is not inside a git work tree.
var ErrNotRepository = errors.New("not a git repository")

// Changed lists the files (slash paths relative to the repository root)
// added or modified since base: the difference between the merge base of
// base and HEAD and HEAD, plus uncommitted changes and untracked files in the
// work tree. Deleted files are left out. It returns the repository root too.
func Changed(ctx context.Context, dir, base string) (root string, files []string, err error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return "", nil, fmt.Errorf("%s: %w (run dbcd from a clone, or pass the files to review)", dir, ErrNotRepository)
		}
		return "", nil, err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", nil, fmt.Errorf("opening work tree: %w", err)
	}
	root = wt.Filesystem.Root()
	head, err := repo.Head()
	if err != nil {
		return "", nil, fmt.Errorf("reading HEAD: %w", err)
	}
	headCommit, err := repo.CommitObject(head.Hash())
	if err != nil {
		return "", nil, fmt.Errorf("reading HEAD commit: %w", err)
	}
	h, err := repo.ResolveRevision(plumbing.Revision(base))
	if err != nil {
		return "", nil, fmt.Errorf("base revision %q not found (fetch it first, e.g. git fetch origin %s): %w", base, base, err)
	}
	baseCommit, err := repo.CommitObject(*h)
	if err != nil {
		return "", nil, fmt.Errorf("reading base commit %s: %w", base, err)
	}
	bases, err := baseCommit.MergeBase(headCommit)
	if err != nil {
		return "", nil, fmt.Errorf("finding the merge base of %s and HEAD: %w", base, err)
	}
	if len(bases) == 0 {
		return "", nil, fmt.Errorf("%s and HEAD have no common history (is the clone shallow? use clone depth: full)", base)
	}
	set := map[string]bool{}
	if err := diffCommits(ctx, bases[0], headCommit, set); err != nil {
		return "", nil, err
	}
	status, err := wt.Status()
	if err != nil {
		return "", nil, fmt.Errorf("reading work tree status: %w", err)
	}
	for path, st := range status {
		if st.Worktree == git.Deleted || st.Staging == git.Deleted {
			delete(set, path)
			continue
		}
		if st.Worktree != git.Unmodified || st.Staging != git.Unmodified {
			set[path] = true
		}
	}
	for p := range set {
		files = append(files, p)
	}
	sort.Strings(files)
	return root, files, nil
}

func diffCommits(ctx context.Context, from, to *object.Commit, set map[string]bool) error {
	ft, err := from.Tree()
	if err != nil {
		return err
	}
	tt, err := to.Tree()
	if err != nil {
		return err
	}
	changes, err := object.DiffTreeWithOptions(ctx, ft, tt, object.DefaultDiffTreeOptions)
	if err != nil {
		return fmt.Errorf("comparing trees: %w", err)
	}
	for _, c := range changes {
		if c.To.Name != "" {
			set[c.To.Name] = true
		}
	}
	return nil
}
