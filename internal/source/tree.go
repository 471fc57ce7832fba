package source

import (
	"fmt"
	"sort"
	"strings"
)

// File is one migration file.
type File struct {
	// Path is the slash path relative to the repository root, e.g.
	// "bytebase/prod/employee##202311012500##ddl##add_nickname.sql".
	Path string
	// Stage is the {{ENV_ID}} value; "" when the template has none and the
	// file is promoted through every stage.
	Stage string
	// DB is the {{DB_NAME}} value; "" when the template has none and the
	// file goes to every database of the stages it reaches.
	DB      string
	Version Version
	Type    Type
	// TypeToken is the {{TYPE}} value as written, e.g. "migrate"; "" when
	// the template has no {{TYPE}} (the file is then TypeDDL).
	TypeToken string
	// Description is the {{DESCRIPTION}} value as written, underscores
	// kept.
	Description string
	// Checksum is Checksum(Content).
	Checksum string
	// Content is the file's bytes as read.
	Content  []byte
	Settings Settings
}

// Tree is the set of migration files under migrations.dir.
type Tree struct {
	// Files is sorted by DB, Version, type (baseline, ddl, dml) and Path.
	Files    []*File
	Template *Template
	stages   []Stage
}

// ForStage returns the files stage receives, in the order they apply: with
// {{ENV_ID}} in the template the files under that stage, without it every
// file. In both cases only files whose database a target of the stage
// serves are kept (all of them when the file has no database). It returns
// nil for an unknown stage.
func (t *Tree) ForStage(stage string) []*File {
	var st *Stage
	for i := range t.stages {
		if t.stages[i].Name == stage {
			st = &t.stages[i]
		}
	}
	if st == nil {
		return nil
	}
	byEnv := t.Template != nil && t.Template.Has(VarEnvID)
	var out []*File
	for _, f := range t.Files {
		if byEnv && f.Stage != stage || f.DB != "" && !st.serves(f.DB) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (s *Stage) serves(db string) bool {
	for _, d := range s.Databases {
		if d == db {
			return true
		}
	}
	return false
}

// sortFiles orders files as Tree.Files documents.
func sortFiles(fs []*File) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.DB != b.DB {
			return a.DB < b.DB
		}
		if c := a.Version.Compare(b.Version); c != 0 {
			return c < 0
		}
		if a.Type != b.Type {
			return a.Type.rank() < b.Type.rank()
		}
		return a.Path < b.Path
	})
}

// duplicates reports versions used more than once for one database (in one
// stage, when files are bound to stages). One ddl and one dml file may share
// a version when it is spelled the same in both; every other repeat is a
// problem reported on each file involved, naming the others.
func duplicates(fs []*File) []Problem {
	type key struct{ stage, db, version string }
	groups := map[key][]*File{}
	var order []key
	for _, f := range fs {
		k := key{f.Stage, f.DB, f.Version.key()}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], f)
	}
	var probs []Problem
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 || len(g) == 2 && g[0].Version == g[1].Version &&
			g[0].Type == TypeDDL && g[1].Type == TypeDML {
			continue
		}
		for _, f := range g {
			probs = append(probs, Problem{Path: f.Path, Message: duplicateMessage(f, g)})
		}
	}
	return probs
}

func duplicateMessage(f *File, group []*File) string {
	var others []string
	var spelled *File
	for _, o := range group {
		if o == f {
			continue
		}
		others = append(others, o.Path)
		if o.Version != f.Version && spelled == nil {
			spelled = o
		}
	}
	if spelled != nil && len(group) == 2 {
		return fmt.Sprintf("version %q is the same version as %q in %s; spell it the same way in both files",
			f.Version, spelled.Version, spelled.Path)
	}
	where := ""
	if f.DB != "" {
		where = fmt.Sprintf(" of database %q", f.DB)
	}
	if f.Stage != "" {
		where += fmt.Sprintf(" in stage %q", f.Stage)
	}
	return fmt.Sprintf("duplicate version %s%s: also %s (one version may have only one ddl and one dml file)",
		f.Version, where, strings.Join(others, ", "))
}
