package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// maxChangedWalk bounds the commits LastChangedIn looks at.
const maxChangedWalk = 20000

// LastChangedIn finds, for each path (relative to dir, inside the
// repository), the newest commit on HEAD's first-parent line that gave the
// path its current content: the first commit, walking back from HEAD, whose
// parent has another version of the file or none. On a branch where pull
// requests are merged, that is the merge (or squash) commit of the pull
// request that last changed the file, so approvals of an earlier pull
// request never cover a later edit. A path missing from HEAD, or unchanged
// back to the end of a shallow clone's history, is left out of the result;
// the caller says it could not tell.
func LastChangedIn(ctx context.Context, dir string, paths []string) (map[string]string, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return nil, err
	}
	head, err := repo.Head()
	if err != nil {
		return nil, fmt.Errorf("reading HEAD: %w", err)
	}
	c, err := repo.CommitObject(head.Hash())
	if err != nil {
		return nil, fmt.Errorf("reading HEAD commit: %w", err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return nil, err
	}
	given := map[string]string{}          // path in the repository -> path as given
	content := map[string]plumbing.Hash{} // path -> blob at HEAD
	for _, p := range paths {
		r, err := filepath.Rel(root, filepath.Join(abs, p))
		if err != nil {
			continue
		}
		r = filepath.ToSlash(r)
		if f, err := c.File(r); err == nil {
			given[r], content[r] = p, f.Hash
		}
	}
	out := map[string]string{}
	for steps := 0; len(content) > 0 && steps < maxChangedWalk; steps++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if c.NumParents() == 0 {
			for p := range content {
				out[given[p]] = c.Hash.String()
			}
			return out, nil
		}
		parent, err := c.Parent(0)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			// A shallow clone ends here: who changed the rest is unknown.
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		tree, err := parent.Tree()
		if err != nil {
			return nil, err
		}
		for p, h := range content {
			f, err := tree.File(p)
			switch {
			case errors.Is(err, object.ErrFileNotFound) || err == nil && f.Hash != h:
				out[given[p]] = c.Hash.String()
				delete(content, p)
			case err != nil:
				return nil, err
			}
		}
		c = parent
	}
	return out, nil
}
