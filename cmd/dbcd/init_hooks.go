package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dbcd/dbcd/internal/buildinfo"
	"github.com/dbcd/dbcd/internal/gitrepo"
)

// gitHookMarker identifies a pre-commit hook written by dbcd, which
// `dbcd init --git-hook` may replace without --force.
const gitHookMarker = "written by `dbcd init --git-hook`"

// printSnippet is `dbcd init --print SNIPPET`.
func printSnippet(opts *initOptions, cfgPath string) error {
	out := opts.g.io.Out
	switch opts.print {
	case "pipeline":
		fmt.Fprint(out, pipelineSnippet)
	case "pre-commit":
		fmt.Fprint(out, precommitSnippet(opts, cfgPath))
	case "git-hook":
		fmt.Fprint(out, gitHookScript(cfgPath))
	default:
		return &usageError{fmt.Errorf("--print %q: use pipeline, pre-commit or git-hook", opts.print)}
	}
	return nil
}

// installGitHook is `dbcd init --git-hook`: it writes the pre-commit hook of
// the repository holding the configuration file.
func installGitHook(opts *initOptions, cfgPath string) error {
	hooks, _, err := gitrepo.HooksDir(filepath.Dir(absPath(cfgPath)))
	if errors.Is(err, gitrepo.ErrNotRepository) {
		return &usageError{fmt.Errorf("--git-hook: %w (run `git init` first)", err)}
	}
	if err != nil {
		return err
	}
	hook := filepath.Join(hooks, "pre-commit")
	old, err := os.ReadFile(hook)
	switch {
	case err == nil && !opts.force && !bytes.Contains(old, []byte(gitHookMarker)):
		return &usageError{fmt.Errorf("%s already exists and was not written by dbcd; add `dbcd review --staged` to it (`dbcd init --print git-hook` shows the lines) or replace it with --force", hook)}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("reading %s: %w", hook, err)
	}
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", hooks, err)
	}
	if err := os.WriteFile(hook, []byte(gitHookScript(cfgPath)), 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", hook, err)
	}
	// WriteFile keeps the mode of an existing file: make sure git can run it.
	if err := os.Chmod(hook, 0o755); err != nil {
		return err
	}
	shown := hook
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, hook); err == nil && !strings.HasPrefix(rel, "..") {
			shown = rel
		}
	}
	fmt.Fprintf(opts.g.io.Out, "installed %s: `git commit` now runs `dbcd review --staged` (skip once with --no-verify)\n", filepath.ToSlash(shown))
	return nil
}

// gitHookScript is a plain git pre-commit hook reviewing the staged migration
// files. Git runs hooks at the top of the work tree, so a configuration file
// elsewhere is named with --config.
func gitHookScript(cfgPath string) string {
	flag := ""
	if rel := relativeToRepo(cfgPath); rel != "dbcd.yaml" {
		flag = " --config " + shellQuote(rel)
	}
	return `#!/bin/sh
# dbcd pre-commit hook, ` + gitHookMarker + `: reviews the SQL migration
# files staged for the commit under the policies of dbcd.yaml; findings at the
# gate stop the commit. dbcd reads the files from the work tree.
# Skip it once with ` + "`git commit --no-verify`" + `.
if ! command -v dbcd >/dev/null 2>&1; then
	echo "pre-commit: dbcd is not on PATH (go install github.com/dbcd/dbcd/cmd/dbcd@latest)" >&2
	exit 1
fi
exec dbcd review --staged --quiet` + flag + "\n"
}

// precommitSnippet is the .pre-commit-config.yaml entry for the dbcd-review
// hook of .pre-commit-hooks.yaml, limited to the migrations directory.
func precommitSnippet(opts *initOptions, cfgPath string) string {
	dir := filepath.ToSlash(filepath.Join(filepath.Dir(relativeToRepo(cfgPath)), opts.dir))
	rev := buildinfo.Get().Version
	if !releaseTag.MatchString(rev) {
		rev = "main  # better: a release tag (pre-commit autoupdate)"
	}
	args := ""
	if rel := relativeToRepo(cfgPath); rel != "dbcd.yaml" {
		args = fmt.Sprintf("        args: [--config, %q]\n", rel)
	}
	return `repos:
  - repo: https://github.com/dbcd/dbcd
    rev: ` + rev + `
    hooks:
      - id: dbcd-review  # builds dbcd with Go and a C compiler (cgo)
        files: ^` + regexp.QuoteMeta(dir) + `/.*\.sql$
` + args
}

var releaseTag = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)

// relativeToRepo returns the slash path of p relative to the top of its git
// work tree, or p itself outside one.
func relativeToRepo(p string) string {
	abs := absPath(p)
	root, err := gitrepo.Root(filepath.Dir(abs))
	if err != nil {
		return filepath.ToSlash(p)
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(d, filepath.Base(abs))
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// shellQuote quotes s for sh when it needs it.
func shellQuote(s string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_./-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
