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

// maxAddedWalk bounds the commits AddedIn looks at.
const maxAddedWalk = 20000

// AddedIn finds, for each path (relative to the repository root, slash
// separated), the commit on HEAD's first-parent line that brought the path
// (paths are relative to dir, the result is keyed the same way): the oldest commit of that line whose
// parent lacks the path. On a branch where pull requests are merged, that is
// the merge (or squash) commit of the pull request that added the file. A
// path missing from HEAD, or still present at the end of a shallow clone's
// history, is left out of the result; the caller says it could not tell.
func AddedIn(ctx context.Context, dir string, paths []string) (map[string]string, error) {
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
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rel := map[string]string{} // path in the repository -> path as given
	open := map[string]bool{}
	for _, p := range paths {
		r, err := filepath.Rel(wt.Filesystem.Root(), filepath.Join(abs, p))
		if err != nil {
			continue
		}
		r = filepath.ToSlash(r)
		if _, err := c.File(r); err == nil {
			open[r], rel[r] = true, p
		}
	}
	out := map[string]string{}
	found := func(p, hash string) { out[rel[p]] = hash }
	for steps := 0; len(open) > 0 && steps < maxAddedWalk; steps++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if c.NumParents() == 0 {
			for p := range open {
				found(p, c.Hash.String())
			}
			return out, nil
		}
		parent, err := c.Parent(0)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			// A shallow clone ends here: who added the rest is unknown.
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		tree, err := parent.Tree()
		if err != nil {
			return nil, err
		}
		for p := range open {
			if _, err := tree.File(p); errors.Is(err, object.ErrFileNotFound) {
				found(p, c.Hash.String())
				delete(open, p)
			} else if err != nil {
				return nil, err
			}
		}
		c = parent
	}
	return out, nil
}
