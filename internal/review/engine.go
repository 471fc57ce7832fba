package review

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// RuleDirectiveInvalid is reported for a malformed "-- dbcd:" directive.
const RuleDirectiveInvalid = "directive.invalid"

// File is one migration file of a history.
type File struct {
	// Path is relative to the repository root.
	Path    string
	Content []byte
	// Review is false for files that are only replayed to build the schema
	// the reviewed files start from.
	Review bool
	// Policies are the policies of every stage the file reaches; findings
	// keep the highest level among them.
	Policies []*Policy
}

// History is the ordered list of migration files of one database (in one
// stage, when the layout has a directory per stage).
type History struct {
	Files []File
	// Seed is the schema before the first file (a LATEST file or a live
	// database); nil means an empty database.
	Seed *model.Schema
}

// Options say how the reviewed files will run.
type Options struct {
	Runner    Runner
	PGVersion int
	Live      bool
	// Facts answers the live rules' questions about the target database;
	// live rules run only when Live is set and Facts is not nil.
	Facts Facts
	// Observe, when set, is called for each statement of the reviewed
	// files, before the statement is applied to the schema model: plan
	// reads lock levels and statement kinds this way. The Pass is shared by
	// the file's statements; Observe must not report findings.
	Observe func(p *Pass, s *Stmt)
	// Stream, when set, is given the findings of each reviewed file as soon
	// as the file is reviewed, in review order: sorted (diag.Less), with
	// their levels, and failing marking those at or above a gate. The
	// slices are the callee's. Result.Findings and Failing then stay empty,
	// and Result.StreamFailed tells whether any finding failed.
	Stream func(fs []diag.Finding, failing []bool)

	ctx context.Context // the review's context, for Facts calls
}

// Facts are what live rules learn from the target database (package
// review/live implements them with a connection).
type Facts interface {
	// Explain plans sql without running it and returns the planner's row
	// estimate of the rows it reads or changes; a planning failure (missing
	// table or column, no permission) is the error, with the server's
	// message.
	Explain(ctx context.Context, sql string) (rows float64, err error)
	// Owner returns the owner of the object of kind "table" or "schema",
	// "" when it does not exist, and the current role.
	Owner(ctx context.Context, kind, schema, name string) (owner, current string, err error)
	// Indexed reports whether column is the leading column of an index of
	// the table.
	Indexed(ctx context.Context, schema, table, column string) (bool, error)
}

// Result is the outcome of a review.
type Result struct {
	Files    []string
	Findings []diag.Finding
	// Failing marks the findings at or above the gate of a policy they were
	// reviewed under (parallel to Findings).
	Failing []bool
	// Notes are informational messages (skipped live rules, for instance).
	Notes []string
	// StreamFailed is set when Options.Stream was given a failing finding.
	StreamFailed bool
}

// Failed reports whether any finding fails its gate.
func (r *Result) Failed() bool {
	if r.StreamFailed {
		return true
	}
	for _, f := range r.Failing {
		if f {
			return true
		}
	}
	return false
}

// Review reviews the files of each history in order, replaying every file
// into the schema model so that each file is checked knowing what the files
// before it did. The cost is linear in the total number of statements.
func (c *Catalog) Review(ctx context.Context, histories []History, opts Options) (*Result, error) {
	if opts.Runner == "" {
		opts.Runner = RunnerDBCD
	}
	if opts.PGVersion == 0 {
		opts.PGVersion = 15
	}
	opts.ctx = ctx
	res := &Result{}
	liveSkipped := map[string]bool{}
	// Files are parsed ahead, in parallel; the replay takes them in order.
	pre := startPrefetch(histories)
	defer pre.close()
	insts := &instanceCache{c: c, opts: opts, liveSkipped: liveSkipped}
	// The findings are appended file by file into arrays sized from the
	// files reviewed so far (see findingsCap), so that neither a copy of
	// them all nor the files' own slices outlive the file.
	toReview := 0
	for _, h := range histories {
		for _, f := range h.Files {
			if f.Review {
				toReview++
			}
		}
	}
	sorted, reviewed := true, 0
	for _, h := range histories {
		schema := model.New()
		if h.Seed != nil {
			schema = h.Seed.Clone()
		}
		for _, f := range h.Files {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			parsed, perr := pre.next()
			if !f.Review {
				if perr == nil {
					replay(schema, parsed, opts)
				}
				continue
			}
			res.Files = append(res.Files, f.Path)
			fr := c.reviewFile(f, parsed, perr, schema, opts, insts)
			reviewed++
			if opts.Stream != nil {
				fs, failing := make([]diag.Finding, len(fr)), make([]bool, len(fr))
				for i := range fr {
					fs[i], failing[i] = fr[i].Finding, fr[i].failing
					res.StreamFailed = res.StreamFailed || fr[i].failing
				}
				opts.Stream(fs, failing)
				continue
			}
			if n := len(res.Findings); n > 0 && len(fr) > 0 && diag.Less(fr[0].Finding, res.Findings[n-1]) {
				sorted = false
			}
			if need := len(res.Findings) + len(fr); need > cap(res.Findings) {
				size := findingsCap(need, reviewed, toReview)
				res.Findings, res.Failing = slices.Grow(res.Findings, size-len(res.Findings)), slices.Grow(res.Failing, size-len(res.Failing))
			}
			for i := range fr {
				res.Findings = append(res.Findings, fr[i].Finding)
				res.Failing = append(res.Failing, fr[i].failing)
			}
		}
	}
	for id := range liveSkipped {
		res.Notes = append(res.Notes, fmt.Sprintf("%s needs live facts from the target (row estimates, EXPLAIN) that this review does not gather: skipped", id))
	}
	sort.Strings(res.Notes)
	// Each file's findings are sorted already: when the files come in
	// order too, so does the whole.
	if !sorted {
		sortResult(res)
	}
	return res, nil
}

// findingsCap is the room to make for the findings once they outgrow
// their arrays: need findings after reviewed of total files, so about
// need*total/reviewed in the end, with a margin; never less than twice
// need, so that appending stays amortised constant time, and never more
// than eight times need, so that a first file full of findings does not
// size the arrays for thousands like it.
func findingsCap(need, reviewed, total int) int {
	est := need + need*(total-reviewed)/max(reviewed, 1)
	return max(min(est+est/8, 8*need), 2*need, 64)
}

// replay applies a file that is not reviewed to the schema, in the
// transaction the runner would give it.
func replay(schema *model.Schema, f *sqlparse.File, opts Options) {
	_, wrapped := execContext(f, opts)
	if wrapped {
		schema.BeginImplicit()
	}
	for i := range f.Statements {
		schema.Apply(&f.Statements[i])
	}
	if wrapped {
		schema.EndImplicit()
	}
	schema.EndSession()
}

// fileResult is the findings of a file, sorted (diag.Less), with their
// levels.
type fileResult []rawFinding

// instance is a rule run with one set of options, and the levels and gates
// of the policies that enable it that way.
type instance struct {
	rule     *Rule
	options  map[string]any
	policies []*Policy
	// cache holds the values of Pass.Cache.
	cache []memoEntry
}

func (c *Catalog) instances(pols []*Policy, opts Options, liveSkipped map[string]bool) []*instance {
	byKey := map[string]*instance{}
	var out []*instance
	for _, p := range pols {
		for _, r := range c.rules {
			s, ok := p.Rules[r.ID]
			if !ok || s.Level == Off {
				continue
			}
			if r.Live && (!opts.Live || opts.Facts == nil || (r.Stmt == nil && r.End == nil)) {
				liveSkipped[r.ID] = true
				continue
			}
			if r.Stmt == nil && r.End == nil {
				continue
			}
			key := r.ID + "\x00" + optionsKey(s.Options)
			in, ok := byKey[key]
			if !ok {
				in = &instance{rule: r, options: s.Options}
				byKey[key] = in
				out = append(out, in)
			}
			in.policies = append(in.policies, p)
		}
	}
	return out
}

func optionsKey(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%v;", k, m[k])
	}
	return b.String()
}

// reviewFile runs the enabled rules over one file and advances schema past
// it.
func (c *Catalog) reviewFile(f File, parsed *sqlparse.File, perr error, schema *model.Schema, opts Options, cache *instanceCache) fileResult {
	var raw []rawFinding
	var perrs sqlparse.Errors
	if errors.As(perr, &perrs) {
		directive := map[[2]int]bool{}
		if _, derrs := sqlparse.ParseDirectives(f.Path, f.Content); len(derrs) > 0 {
			for _, e := range derrs {
				directive[[2]int{e.Line, e.Column}] = true
			}
		}
		for _, e := range perrs {
			id := RuleParseError
			if directive[[2]int{e.Line, e.Column}] {
				id = RuleDirectiveInvalid
			}
			raw = append(raw, rawFinding{Finding: diag.Finding{Rule: id, File: f.Path, Line: e.Line, Column: e.Column, Message: e.Msg}, stmt: -1})
		}
	} else if perr != nil {
		raw = append(raw, rawFinding{Finding: diag.Finding{Rule: RuleParseError, File: f.Path, Message: perr.Error()}, stmt: -1})
	}
	set := cache.get(f.Policies)
	if len(parsed.Statements) > 0 {
		if w := c.walk(f.Path, parsed, schema, set, opts); raw == nil {
			raw = w
		} else {
			raw = append(raw, w...)
		}
	}
	raw = c.suppress(f, parsed, raw, set.insts)
	return c.levels(raw, f.Policies)
}

type rawFinding struct {
	diag.Finding
	stmt    int  // statement index, -1 for file-level findings
	failing bool // at or above the gate of a policy (set by levels)
}

// levels gives each finding the highest level among the file's policies
// that enable its rule, marks those at or above a policy's gate, drops
// those no policy enables and sorts the rest; it reuses raw.
func (c *Catalog) levels(raw []rawFinding, pols []*Policy) fileResult {
	fr := raw[:0]
	// A rule reports its findings one after the other: its level is worked
	// out once for the run.
	lastRule, lvl, fail := "", Off, false
	for _, rf := range raw {
		f := rf.Finding
		if f.Rule != lastRule || lastRule == "" {
			lastRule = f.Rule
			lvl, fail = c.level(f.Rule, pols)
		}
		if lvl == Off {
			continue
		}
		f.Severity = lvl
		if f.Category == "" || f.Help == "" {
			// Findings of the engine itself; the rules' have both.
			if r, ok := c.Lookup(f.Rule); ok {
				f.Category = r.Category
				if f.Help == "" {
					f.Help = r.Fix
				}
			}
		}
		fr = append(fr, rawFinding{Finding: f, stmt: rf.stmt, failing: fail})
	}
	less := func(a, b int) bool { return diag.Less(fr[a].Finding, fr[b].Finding) }
	if !sort.SliceIsSorted(fr, less) {
		sort.SliceStable(fr, less)
	}
	return fr
}

// level returns the highest level of rule id among pols, and whether a
// finding of it is at or above the gate of one of them.
func (c *Catalog) level(id string, pols []*Policy) (lvl diag.Severity, fail bool) {
	for _, p := range pols {
		l := p.Level(id)
		if id == RuleParseError || id == RuleDirectiveInvalid {
			l = diag.Error
		}
		if l > lvl {
			lvl = l
		}
		if l != Off && l >= p.Gate {
			fail = true
		}
	}
	return lvl, fail
}

func sortResult(r *Result) {
	idx := make([]int, len(r.Findings))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return diag.Less(r.Findings[idx[a]], r.Findings[idx[b]]) })
	fs := make([]diag.Finding, len(idx))
	fl := make([]bool, len(idx))
	for i, j := range idx {
		fs[i], fl[i] = r.Findings[j], r.Failing[j]
	}
	r.Findings, r.Failing = fs, fl
}
