package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/go-git/go-git/v5"
)

// Uncommitted lists the files (slash paths relative to the repository root)
// of the work tree that differ from HEAD: changes staged in the index,
// unstaged modifications and untracked files (ignored ones are left out, as
// are deleted files). With stagedOnly it lists only what is staged, that is
// what the next commit will contain. It returns the repository root too.
//
// dir may be any directory inside the work tree; outside one the error
// wraps ErrNotRepository.
func Uncommitted(ctx context.Context, dir string, stagedOnly bool) (root string, files []string, err error) {
	if err := ctx.Err(); err != nil {
		return "", nil, err
	}
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return "", nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return "", nil, err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", nil, fmt.Errorf("opening work tree: %w", err)
	}
	status, err := wt.Status()
	if err != nil {
		return "", nil, fmt.Errorf("reading work tree status: %w", err)
	}
	for path, st := range status {
		if keep(st, stagedOnly) {
			files = append(files, path)
		}
	}
	sort.Strings(files)
	return wt.Filesystem.Root(), files, nil
}

// keep decides whether a file with status st is reviewable and uncommitted.
func keep(st *git.FileStatus, stagedOnly bool) bool {
	if st.Worktree == git.Deleted || st.Staging == git.Deleted {
		return false // nothing left to read
	}
	staged := st.Staging != git.Unmodified && st.Staging != git.Untracked
	if stagedOnly {
		return staged
	}
	return staged || st.Worktree != git.Unmodified
}
