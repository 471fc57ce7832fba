package review

import (
	"context"
	"fmt"

	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/source"
)

// Selection says which files of a migration tree to review, and how.
type Selection struct {
	// Stages are the stage names in rollout order, and StagePolicy the
	// resolved policy of each.
	Stages      []string
	StagePolicy map[string]*Policy
	// StageDBs lists the databases each stage serves (for templates
	// without {{ENV_ID}}, where a file reaches every stage serving its
	// database).
	StageDBs map[string][]string
	// Force, when set, reviews every file under this policy alone
	// (--policy, --stage).
	Force *Policy
	// Files restricts the review to these paths; nil reviews every file.
	Files map[string]bool
	// Seed is the schema before the first migration of every database.
	Seed *model.Schema
}

// ReviewTree reviews files of a migration tree. Each file is reviewed with
// the schema left by the earlier files of its database (in its stage, when
// the layout has a directory per stage), under the policy of every stage it
// reaches. The result does not depend on which other files are selected.
func (c *Catalog) ReviewTree(ctx context.Context, tree *source.Tree, sel Selection, opts Options) (*Result, error) {
	histories, err := sel.histories(tree)
	if err != nil {
		return nil, err
	}
	return c.Review(ctx, histories, opts)
}

// Order returns the paths of the files ReviewTree reviews, in the order
// it reviews them (and so streams their findings, Options.Stream).
func (sel Selection) Order(tree *source.Tree) ([]string, error) {
	histories, err := sel.histories(tree)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, h := range histories {
		for _, f := range h.Files {
			if f.Review {
				out = append(out, f.Path)
			}
		}
	}
	return out, nil
}

// histories groups the files of tree into the histories ReviewTree
// reviews.
func (sel Selection) histories(tree *source.Tree) ([]History, error) {
	byEnv := tree.Template != nil && tree.Template.Has(source.VarEnvID)
	var keys []string
	groups := map[string][]*source.File{}
	for _, f := range tree.Files {
		key := f.DB
		if byEnv {
			key = f.Stage + "\x00" + f.DB
		}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], f)
	}
	var histories []History
	for _, key := range keys {
		files := groups[key]
		last := -1
		for i, f := range files {
			if sel.Files == nil || sel.Files[f.Path] {
				last = i
			}
		}
		if last < 0 {
			continue
		}
		h := History{Seed: sel.Seed}
		for _, f := range files[:last+1] {
			pols, err := sel.policies(f, byEnv)
			if err != nil {
				return nil, err
			}
			h.Files = append(h.Files, File{
				Path: f.Path, Content: f.Content, Policies: pols,
				Review: sel.Files == nil || sel.Files[f.Path],
			})
		}
		histories = append(histories, h)
	}
	return histories, nil
}

// policies returns the policies of every stage a file reaches.
func (sel Selection) policies(f *source.File, byEnv bool) ([]*Policy, error) {
	if sel.Force != nil {
		return []*Policy{sel.Force}, nil
	}
	var out []*Policy
	for _, st := range sel.Stages {
		reaches := false
		switch {
		case byEnv:
			reaches = f.Stage == st
		case f.DB == "":
			reaches = true
		default:
			for _, db := range sel.StageDBs[st] {
				reaches = reaches || db == f.DB
			}
		}
		if reaches {
			p := sel.StagePolicy[st]
			if p == nil {
				return nil, fmt.Errorf("no policy resolved for stage %q", st)
			}
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s reaches no stage", f.Path)
	}
	return out, nil
}
