package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// within reports whether the cleaned absolute path p is root or under it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// unwrapPathError drops the path from an *fs.PathError, since the problem
// names the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// candidate is a file found by the walk that the template's extension
// selects.
type candidate struct {
	rel  string // slash path relative to Root
	abs  string // path to read; may go through symbolic links inside Root
	prob string // set when the file must not be read
}

// walker collects candidates under migrations.dir.
type walker struct {
	ctx    context.Context
	root   string // real path of the repository root
	tmpl   *Template
	dirRel string // migrations.dir relative to root, slash path
	cands  []candidate
	probs  []Problem
}

// walk reads the directory abs, whose real path (symbolic links resolved)
// is real and whose slash path relative to root is rel, and descends into
// subdirectories. Entries whose name starts with a dot are skipped. A
// symbolic link is followed only when its target lies inside the repository
// and, for a directory, is not one of the directories being walked (a loop);
// ancestors holds their real paths.
func (w *walker) walk(abs, real, rel string, ancestors map[string]bool) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.probs = append(w.probs, Problem{Path: rel, Message: fmt.Sprintf("cannot read directory: %v", unwrapPathError(err))})
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		childAbs, childReal, childRel := filepath.Join(abs, name), filepath.Join(real, name), path.Join(rel, name)
		isCand := w.tmpl.Candidate(w.relToDir(childRel))
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			var prob string
			childReal, mode, prob = w.resolve(childAbs)
			if prob != "" {
				if isCand || mode.IsDir() {
					w.probs = append(w.probs, Problem{Path: childRel, Message: prob})
				}
				continue
			}
		}
		switch {
		case mode.IsDir():
			if ancestors[childReal] {
				w.probs = append(w.probs, Problem{Path: childRel, Message: "symbolic link loop: it leads back to a directory that contains it"})
				continue
			}
			ancestors[childReal] = true
			err := w.walk(childAbs, childReal, childRel, ancestors)
			delete(ancestors, childReal)
			if err != nil {
				return err
			}
		case isCand:
			c := candidate{rel: childRel, abs: childAbs}
			if !mode.IsRegular() {
				c.prob = "not a regular file"
			}
			w.cands = append(w.cands, c)
		}
	}
	return nil
}

// resolve follows the symbolic link abs. It returns the target's real path
// and type, and a problem when the link must not be followed; the type is
// still set when known so the caller can tell a directory link.
func (w *walker) resolve(abs string) (string, fs.FileMode, string) {
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", 0, "broken symbolic link"
		}
		return "", 0, fmt.Sprintf("cannot follow symbolic link: %v", unwrapPathError(err))
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", 0, fmt.Sprintf("cannot follow symbolic link: %v", unwrapPathError(err))
	}
	if !within(w.root, real) {
		return real, info.Mode().Type(), "symbolic link to outside the repository is not followed"
	}
	return real, info.Mode().Type(), ""
}

// relToDir converts a slash path relative to root to one relative to
// migrations.dir.
func (w *walker) relToDir(rel string) string {
	if w.dirRel == "." {
		return rel
	}
	return strings.TrimPrefix(rel, w.dirRel+"/")
}
