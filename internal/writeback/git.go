package writeback

import (
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Author is a commit author.
type Author struct{ Name, Email string }

// ParseAuthor reads "Name <email>".
func ParseAuthor(s string) (Author, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || a.Name == "" {
		return Author{}, fmt.Errorf("author %q: write it as \"Name <email>\"", s)
	}
	return Author{Name: a.Name, Email: a.Address}, nil
}

// gitRepo makes commits in one repository.
type gitRepo struct {
	repo        *git.Repository
	wt          *git.Worktree
	name, email string
	now         func() time.Time
}

// localCommit is a commit we made and the file change it carries.
type localCommit struct {
	hash plumbing.Hash
	file FileContent
}

// commitLocal makes one commit per file whose content differs from HEAD, on
// top of HEAD, moves HEAD (its branch) to the last one and stages the files so
// the index matches. It returns the commits and which paths changed.
func (g *gitRepo) commitLocal(files []FileContent) ([]localCommit, map[string]bool, error) {
	var parent *object.Commit
	head, err := g.repo.Head()
	switch {
	case err == nil:
		if parent, err = g.repo.CommitObject(head.Hash()); err != nil {
			return nil, nil, fmt.Errorf("reading HEAD commit: %w", err)
		}
	case !errors.Is(err, plumbing.ErrReferenceNotFound):
		return nil, nil, fmt.Errorf("reading HEAD: %w", err)
	}
	commits, err := g.commitChain(parent, files)
	if err != nil || len(commits) == 0 {
		return nil, map[string]bool{}, err
	}
	changed := map[string]bool{}
	for _, c := range commits {
		changed[c.file.Path] = true
	}
	tip := commits[len(commits)-1].hash
	ref, err := g.repo.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return nil, nil, fmt.Errorf("reading HEAD: %w", err)
	}
	name := plumbing.HEAD
	if ref.Type() == plumbing.SymbolicReference {
		name = ref.Target()
	}
	if err := g.repo.Storer.SetReference(plumbing.NewHashReference(name, tip)); err != nil {
		return nil, nil, fmt.Errorf("moving %s: %w", name.Short(), err)
	}
	for p := range changed {
		if _, err := g.wt.Add(p); err != nil {
			return nil, nil, fmt.Errorf("staging %s: %w", p, err)
		}
	}
	return commits, changed, nil
}

// commitChain makes one commit per file that changes the tree, each on top of
// the previous one, starting at parent (nil: a root commit).
func (g *gitRepo) commitChain(parent *object.Commit, files []FileContent) ([]localCommit, error) {
	var out []localCommit
	for _, f := range files {
		c, err := g.commitFile(parent, f)
		if err != nil {
			return nil, err
		}
		if c == nil {
			continue
		}
		out = append(out, localCommit{hash: c.Hash, file: f})
		parent = c
	}
	return out, nil
}

// commitFile commits f on top of parent, or returns nil when parent already
// holds f's content.
func (g *gitRepo) commitFile(parent *object.Commit, f FileContent) (*object.Commit, error) {
	s := g.repo.Storer
	var base *object.Tree
	if parent != nil {
		var err error
		if base, err = parent.Tree(); err != nil {
			return nil, fmt.Errorf("reading tree of %s: %w", parent.Hash, err)
		}
	}
	blob := s.NewEncodedObject()
	blob.SetType(plumbing.BlobObject)
	w, err := blob.Writer()
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(f.Content); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	blobHash, err := s.SetEncodedObject(blob)
	if err != nil {
		return nil, err
	}
	tree, err := g.putTree(base, strings.Split(f.Path, "/"), blobHash)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	if parent != nil && tree == parent.TreeHash {
		return nil, nil
	}
	sig := object.Signature{Name: g.name, Email: g.email, When: g.now()}
	c := &object.Commit{Author: sig, Committer: sig, Message: strings.TrimRight(f.Message, "\n") + "\n", TreeHash: tree}
	if parent != nil {
		c.ParentHashes = []plumbing.Hash{parent.Hash}
	}
	obj := s.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return nil, err
	}
	h, err := s.SetEncodedObject(obj)
	if err != nil {
		return nil, err
	}
	return g.repo.CommitObject(h)
}

// putTree stores a copy of base (nil: empty) with the file at path set to
// blob, and returns the new tree's hash.
func (g *gitRepo) putTree(base *object.Tree, path []string, blob plumbing.Hash) (plumbing.Hash, error) {
	var entries []object.TreeEntry
	if base != nil {
		entries = append(entries, base.Entries...)
	}
	name := path[0]
	idx := -1
	for i, e := range entries {
		if e.Name == name {
			idx = i
		}
	}
	var entry object.TreeEntry
	if len(path) == 1 {
		entry = object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: blob}
		if idx >= 0 {
			switch m := entries[idx].Mode; m {
			case filemode.Executable:
				entry.Mode = m
			case filemode.Regular, filemode.Deprecated:
			default:
				return plumbing.ZeroHash, fmt.Errorf("%s is not a regular file in git", name)
			}
		}
	} else {
		var sub *object.Tree
		if idx >= 0 {
			if entries[idx].Mode != filemode.Dir {
				return plumbing.ZeroHash, fmt.Errorf("%s is not a directory in git", name)
			}
			var err error
			if sub, err = object.GetTree(g.repo.Storer, entries[idx].Hash); err != nil {
				return plumbing.ZeroHash, err
			}
		}
		h, err := g.putTree(sub, path[1:], blob)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entry = object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h}
	}
	if idx >= 0 {
		entries[idx] = entry
	} else {
		entries = append(entries, entry)
	}
	// Git orders tree entries by name, a directory's name as if it ended in "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	obj := g.repo.Storer.NewEncodedObject()
	if err := (&object.Tree{Entries: entries}).Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.repo.Storer.SetEncodedObject(obj)
}
