package history

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotApplied is returned by Changes when no done row has the version.
var ErrNotApplied = errors.New("no applied migration of that version")

// Change locates, among the snapshots dbcd recorded on a target, the schema
// before and after one applied migration. The schema after a migration is
// the snapshot apply took right after it; the schema before it is the
// schema expected after the previous done row (its accepted schema, or its
// snapshot), or the empty schema before the first migration.
//
// Rows written before dbcd took a snapshot after every file, and rows of
// runs too long for that (see apply), have no snapshot of their own; their change is
// then bracketed by the nearest snapshots on either side, and Between names
// the other migrations that the bracket covers.
type Change struct {
	// Row is the migration asked about.
	Row Row
	// From is the done row whose expected schema is the "before" side and
	// Before its SHA-256; From is nil and Before "" when that side is the
	// empty schema, because no done row before Row has a snapshot.
	From   *Row
	Before string
	// To is the done row (Row itself, or the first later one with a
	// snapshot) whose snapshot is the "after" side, and After its
	// SHA-256; nil and "" when no snapshot was taken after Row.
	To    *Row
	After string
	// Between are the other done rows whose effects lie between the two
	// snapshots, oldest first; empty when the change is Row's alone.
	Between []Row
	// Accepted reports that drift was accepted on a row inside the
	// bracket, so that the change may include out-of-band changes.
	Accepted bool
}

// Available reports whether both sides are known.
func (c *Change) Available() bool { return c.After != "" }

// Exact reports whether both sides are known and the change between them
// is the migration's alone.
func (c *Change) Exact() bool { return c.Available() && len(c.Between) == 0 && !c.Accepted }

// BeforeEmpty reports whether the "before" side is the empty schema.
func (c *Change) BeforeEmpty() bool { return c.From == nil }

// Note explains, in a sentence for people, what the change covers when it
// is not exactly the migration's: "" when it is.
func (c *Change) Note() string {
	var notes []string
	if !c.Available() {
		notes = append(notes, "no schema snapshot was recorded after this migration "+
			"(it was applied by a dbcd that recorded a snapshot only after the last file of each run, "+
			"or taking the snapshot failed) and none after a later one")
	}
	if len(c.Between) > 0 {
		var vs []string
		for _, r := range c.Between {
			vs = append(vs, r.Version+" ("+r.Type+")")
		}
		why := "no snapshot was recorded between them (dbcd records one after each file only in runs of up to 10 files " +
			"while the snapshots take under 10 s, and an older dbcd only after the last file of each run)"
		notes = append(notes, fmt.Sprintf("the change shown includes %s: %s", strings.Join(vs, ", "), why))
	}
	if c.Accepted {
		notes = append(notes, "drift was accepted within this range, so the change may include changes made outside dbcd")
	}
	return strings.Join(notes, "; ")
}

// Changes returns the change of each done row of version, oldest first
// (a version may have a ddl and a dml file). It returns an error wrapping
// ErrNotApplied when no done row has the version, naming the status of
// the rows that do.
func Changes(rows []Row, version string) ([]Change, error) {
	var done []Row
	var others []string
	for _, r := range rows {
		switch {
		case r.Status == StatusDone:
			done = append(done, r)
		case r.Version == version:
			others = append(others, fmt.Sprintf("%s is %s", r.Path, r.Status))
		}
	}
	var out []Change
	for i, r := range done {
		if r.Version == version {
			out = append(out, changeAt(done, i))
		}
	}
	if len(out) == 0 {
		if len(others) > 0 {
			return nil, fmt.Errorf("version %s: %w (%s)", version, ErrNotApplied, strings.Join(others, "; "))
		}
		return nil, fmt.Errorf("version %s: %w", version, ErrNotApplied)
	}
	return out, nil
}

// changeAt brackets done[i], done being the done rows in the order they
// were written.
func changeAt(done []Row, i int) Change {
	c := Change{Row: done[i]}
	from := -1
	for k := i - 1; k >= 0; k-- {
		if done[k].Expected() != "" {
			from = k
			break
		}
	}
	if from >= 0 {
		c.From, c.Before = &done[from], done[from].Expected()
	}
	to := -1
	for j := i; j < len(done); j++ {
		if done[j].Snapshot != "" {
			to = j
			break
		}
	}
	if to < 0 {
		return c
	}
	c.To, c.After = &done[to], done[to].Snapshot
	for k := from + 1; k <= to; k++ {
		if k != i {
			c.Between = append(c.Between, done[k])
		}
		if k < to && done[k].Accepted != "" {
			c.Accepted = true
		}
	}
	return c
}
