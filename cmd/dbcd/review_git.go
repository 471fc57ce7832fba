package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/gitrepo"
	"github.com/dbcd/dbcd/internal/source"
)

// checkFileSelection rejects combinations of the ways review chooses files:
// arguments, --changed, --staged and --all are one choice each.
func checkFileSelection(opts *reviewOptions) error {
	var given []string
	if len(opts.files) > 0 {
		given = append(given, "file arguments")
	}
	for _, f := range []struct {
		set  bool
		name string
	}{{opts.changed, "--changed"}, {opts.staged, "--staged"}, {opts.all, "--all"}} {
		if f.set {
			given = append(given, f.name)
		}
	}
	if len(given) > 1 {
		return &usageError{fmt.Errorf("%s choose the files to review: give one", strings.Join(given, " and "))}
	}
	return nil
}

// inCI reports whether dbcd runs in a CI pipeline, where review without
// arguments covers every file whatever the work tree holds.
func inCI(getenv func(string) string) bool {
	if getenv("BITBUCKET_BUILD_NUMBER") != "" {
		return true
	}
	switch strings.ToLower(getenv("CI")) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

// uncommittedFiles is review's choice without arguments on a developer
// machine: the migration files with uncommitted changes (staged, modified or
// untracked) when there are any, saying so on stderr; nil (every file)
// otherwise, and outside a git work tree.
func uncommittedFiles(ctx context.Context, cfg *config.Config, tree *source.Tree, probs source.Problems, opts *reviewOptions) map[string]bool {
	root, files, err := gitrepo.Uncommitted(ctx, cfg.Root, false)
	if err != nil {
		if !errors.Is(err, gitrepo.ErrNotRepository) {
			fmt.Fprintf(opts.g.io.ErrOut, "note: reading git status: %v; reviewing every file\n", err)
		}
		return nil
	}
	want := migrationFiles(configRelative(cfg.Root, root, files), tree, probs)
	if len(want) == 0 {
		return nil
	}
	fmt.Fprintf(opts.g.io.ErrOut, "note: reviewing %s with uncommitted changes (staged, modified or untracked); --all reviews every file\n",
		plural(len(want), "migration file", "migration files"))
	return want
}

// stagedFiles is --staged: the migration files staged for the next commit,
// possibly none.
func stagedFiles(ctx context.Context, cfg *config.Config, tree *source.Tree, probs source.Problems, opts *reviewOptions) (map[string]bool, error) {
	root, files, err := gitrepo.Uncommitted(ctx, cfg.Root, true)
	if errors.Is(err, gitrepo.ErrNotRepository) {
		return nil, &usageError{fmt.Errorf("--staged: %w", err)}
	}
	if err != nil {
		return nil, err
	}
	want := migrationFiles(configRelative(cfg.Root, root, files), tree, probs)
	if len(want) == 0 && !opts.g.quiet {
		fmt.Fprintln(opts.g.io.ErrOut, "note: no migration files are staged: nothing to review")
	}
	return want, nil
}

// migrationFiles keeps the paths that are migration files: files of the tree
// and files the tree reported problems for (a bad name, bad content). Other
// changes (application code, LATEST files) are not review's business.
func migrationFiles(paths []string, tree *source.Tree, probs source.Problems) map[string]bool {
	known := map[string]bool{}
	if tree != nil {
		for _, f := range tree.Files {
			known[f.Path] = true
		}
	}
	for _, p := range probs {
		if p.Path != "" {
			known[p.Path] = true
		}
	}
	want := map[string]bool{}
	for _, p := range paths {
		if known[p] {
			want[p] = true
		}
	}
	return want
}

// configRelative turns paths relative to the git work tree at gitRoot into
// paths relative to cfgRoot (the directory of dbcd.yaml, which may be a
// subdirectory of the repository), dropping the ones outside it.
func configRelative(cfgRoot, gitRoot string, paths []string) []string {
	base := gitRoot
	if r, err := filepath.EvalSymlinks(gitRoot); err == nil {
		base = r
	}
	cfg := cfgRoot
	if r, err := filepath.EvalSymlinks(cfgRoot); err == nil {
		cfg = r
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		rel, err := filepath.Rel(cfg, filepath.Join(base, filepath.FromSlash(p)))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
