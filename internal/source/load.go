package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Options says where the migration files are and what they may contain.
type Options struct {
	// Root is the repository root, an absolute path. Every path Load
	// reports is a slash path relative to it, and no file outside it is
	// read, whatever symbolic links say.
	Root string
	// Dir is migrations.dir, a slash path relative to Root; "" means Root.
	Dir string
	// Template is migrations.template; "" means DefaultTemplate.
	Template string
	// Stages are the configured stages in rollout order. When empty, stage
	// and database names are not checked.
	Stages []Stage
}

// Stage is one rollout stage as far as file placement is concerned.
type Stage struct {
	Name string
	// Databases are the logical databases the stage's targets serve.
	Databases []string
}

// Load finds every migration file under Root/Dir, parses its name and
// directives, and checks the tree as a whole (stages, databases, duplicate
// versions). It returns a plain error only when it cannot start: a bad
// Root or template, or a cancelled ctx.
//
// Otherwise it returns the tree together with a Problems error listing
// every problem found, sorted by path. The tree then still holds every file
// whose name fit the template and whose content could be read, so review
// can lint them; nothing should be applied while there are problems.
func Load(ctx context.Context, opts Options) (*Tree, error) {
	if !filepath.IsAbs(opts.Root) {
		return nil, fmt.Errorf("repository root %q is not an absolute path", opts.Root)
	}
	src := opts.Template
	if src == "" {
		src = DefaultTemplate
	}
	tmpl, err := CompileTemplate(src)
	if err != nil {
		return nil, fmt.Errorf("migrations.template: %w", err)
	}
	tree := &Tree{Template: tmpl, stages: opts.Stages}
	root, err := filepath.EvalSymlinks(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("repository root: %w", err)
	}
	dirRel, prob := checkDir(root, opts.Dir)
	if prob != nil {
		return tree, Problems{*prob}
	}
	w := &walker{ctx: ctx, root: root, tmpl: tmpl, dirRel: dirRel}
	start := filepath.Join(root, filepath.FromSlash(dirRel))
	startReal, err := filepath.EvalSymlinks(start)
	if err != nil {
		return nil, fmt.Errorf("migrations.dir: %w", err)
	}
	if err := w.walk(start, startReal, dirRel, map[string]bool{startReal: true}); err != nil {
		return nil, err
	}
	probs := w.probs
	files, fileProbs, err := loadFiles(ctx, tmpl, dirRel, w.cands)
	if err != nil {
		return nil, err
	}
	probs = append(probs, fileProbs...)
	for _, f := range files {
		probs = append(probs, checkPlacement(tmpl, opts.Stages, f)...)
	}
	tree.Files = files
	sortFiles(tree.Files)
	probs = append(probs, duplicates(tree.Files)...)
	if len(probs) == 0 {
		return tree, nil
	}
	ps := Problems(probs)
	ps.Sort()
	return tree, ps
}

// loadFiles reads and checks the candidates on GOMAXPROCS goroutines and
// returns the files that could be loaded and the problems found, in
// candidate order.
func loadFiles(ctx context.Context, tmpl *Template, dirRel string, cands []candidate) ([]*File, []Problem, error) {
	type result struct {
		file  *File
		probs []Problem
	}
	results := make([]result, len(cands))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cands)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(cands) {
					return
				}
				results[i].file, results[i].probs = loadFile(tmpl, dirRel, cands[i])
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var files []*File
	var probs []Problem
	for _, r := range results {
		if r.file != nil {
			files = append(files, r.file)
		}
		probs = append(probs, r.probs...)
	}
	return files, probs, nil
}

// checkDir validates migrations.dir and returns it as a clean slash path
// relative to root ("." for root itself).
func checkDir(root, dir string) (string, *Problem) {
	clean := path.Clean("/" + filepath.ToSlash(dir))[1:]
	if clean == "" {
		clean = "."
	}
	bad := func(format string, args ...any) (string, *Problem) {
		return "", &Problem{Message: fmt.Sprintf("migrations.dir %q ", dir) + fmt.Sprintf(format, args...)}
	}
	if filepath.IsAbs(dir) || strings.HasPrefix(filepath.ToSlash(dir), "/") {
		return bad("must be relative to the repository root")
	}
	if rel := path.Clean(filepath.ToSlash(dir)); rel == ".." || strings.HasPrefix(rel, "../") {
		return bad("must stay inside the repository")
	}
	abs := filepath.Join(root, filepath.FromSlash(clean))
	real, err := filepath.EvalSymlinks(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return bad("does not exist")
	case err != nil:
		return bad("cannot be read: %v", unwrapPathError(err))
	case !within(root, real):
		return bad("is a symbolic link to outside the repository")
	}
	info, err := os.Stat(real)
	switch {
	case err != nil:
		return bad("cannot be read: %v", unwrapPathError(err))
	case !info.IsDir():
		return bad("is not a directory")
	}
	return clean, nil
}
