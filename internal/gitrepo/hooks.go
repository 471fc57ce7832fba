package gitrepo

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// HooksDir returns the directory git runs hooks from for the repository
// containing dir: core.hooksPath when it is set (relative to the work tree
// root), else the hooks directory of the git directory. It returns the work
// tree root too.
func HooksDir(dir string) (hooks, root string, err error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return "", "", fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return "", "", err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", "", fmt.Errorf("opening work tree: %w", err)
	}
	root = wt.Filesystem.Root()
	cfg, err := repo.Config()
	if err != nil {
		return "", "", fmt.Errorf("reading git config: %w", err)
	}
	if p := cfg.Raw.Section("core").Option("hooksPath"); p != "" {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		return p, root, nil
	}
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return "", "", errors.New("the repository is not stored on disk")
	}
	return filepath.Join(st.Filesystem().Root(), "hooks"), root, nil
}

// Root returns the top directory of the git work tree containing dir.
func Root(dir string) (string, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return "", fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return "", err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", fmt.Errorf("opening work tree: %w", err)
	}
	return wt.Filesystem.Root(), nil
}
