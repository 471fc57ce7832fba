package apply

import (
	"context"
	"fmt"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/source"
)

// targetPlan is what a target needs, decided from its history before
// anything runs.
type targetPlan struct {
	pending  []*unit
	skipped  []FileResult
	warnings []string
	// baseline is the pending baseline to run first, when there is one.
	baseline *unit
}

// planTarget applies the rules that can stop a target before anything
// runs, in this order: unresolved no-transaction rows, changed applied
// files, baselines, out-of-order versions. empty reports whether the
// database has no user tables; it is called only for a pending baseline.
func planTarget(t Target, opts *Options, units []*unit, rows []history.Row, empty func() (bool, error)) (*targetPlan, error) {
	block := func(kind error, problems []string) error {
		return &BlockedError{Target: t.Name, Kind: kind, Problems: problems}
	}
	live := map[history.Key]*history.Row{}
	var unresolved []string
	for i := range rows {
		r := &rows[i]
		switch r.Status {
		case history.StatusRolledBack:
			continue
		case history.StatusRunning, history.StatusFailed:
			unresolved = append(unresolved, fmt.Sprintf("%s is %s at statement %d of %d (%d applied)%s; check the database, then run: %s",
				r.Path, r.Status, min(r.StatementsApplied+1, r.StatementsTotal), r.StatementsTotal, r.StatementsApplied,
				errSuffix(r.Error)+invalidIndexNote(r.Error), resolveCommand(t.Stage, t.Name, r.Version)))
		}
		live[r.Key()] = r
	}
	if len(unresolved) > 0 {
		return nil, block(ErrUnresolved, unresolved)
	}
	p := &targetPlan{}
	var changed []string
	maxDone := map[string]source.Version{}
	for _, r := range live {
		v, err := source.ParseVersion(r.Version)
		if err == nil && v.Compare(maxDone[r.DB]) > 0 {
			maxDone[r.DB] = v
		}
	}
	for _, u := range units {
		if u.file.DB != "" && u.file.DB != t.DB {
			continue
		}
		r := live[key(u, t)]
		if r == nil {
			p.pending = append(p.pending, u)
			continue
		}
		if r.Checksum != u.file.Checksum {
			changed = append(changed, fmt.Sprintf("%s was applied with checksum %s but is now %s (edit a new migration file instead)",
				u.file.Path, r.Checksum, u.file.Checksum))
		}
	}
	if len(changed) > 0 {
		return nil, block(ErrChecksum, changed)
	}
	if err := p.planBaseline(t, empty, len(live) > 0); err != nil {
		return nil, err
	}
	if opts.Checked != nil {
		var unchecked []string
		for _, u := range p.ordered() {
			if sum, ok := opts.Checked[t.Name][u.file.Path]; !ok || sum != u.file.Checksum {
				unchecked = append(unchecked, fmt.Sprintf("%s became pending after the approval and rollout checks: run apply again", u.file.Path))
			}
		}
		if len(unchecked) > 0 {
			return nil, block(ErrNotChecked, unchecked)
		}
	}
	var ooo []string
	for _, u := range p.pending {
		if head, ok := maxDone[u.db(t)]; ok && u.file.Version.Compare(head) < 0 {
			ooo = append(ooo, fmt.Sprintf("%s has version %s, lower than the applied version %s", u.file.Path, u.file.Version, head))
		}
	}
	switch {
	case len(ooo) == 0 || opts.OutOfOrder == OutOfOrderAllow:
	case opts.OutOfOrder == OutOfOrderError:
		return nil, block(ErrOutOfOrder, append(ooo, "migrations.out_of_order is error"))
	default:
		for _, s := range ooo {
			p.warnings = append(p.warnings, "out of order: "+s)
		}
	}
	return p, nil
}

// planBaseline handles pending baseline files. The highest pending
// baseline runs on an empty database, and every pending file of that
// database with a version up to the baseline's is skipped: the baseline is
// the schema at its version. On a database that has tables or applied
// migrations the baseline could only be recorded without running once its
// schema is shown to match, which dbcd cannot check yet: refused.
func (p *targetPlan) planBaseline(t Target, empty func() (bool, error), applied bool) error {
	var base *unit
	for _, u := range p.pending {
		if u.file.Type == source.TypeBaseline && (base == nil || u.file.Version.Compare(base.file.Version) >= 0) {
			base = u
		}
	}
	if base == nil {
		return nil
	}
	ok := !applied
	if ok {
		var err error
		if ok, err = empty(); err != nil {
			return err
		}
	}
	if !ok {
		return &BlockedError{Target: t.Name, Kind: ErrBaseline, Problems: []string{fmt.Sprintf(
			"%s is a baseline, which runs only on an empty database, and this one already has tables or applied migrations; "+
				"recording it without running needs a check that the schema matches, which this dbcd cannot do yet: "+
				"apply it to an empty database, or remove it from this stage", base.file.Path)}}
	}
	var pending []*unit
	for _, u := range p.pending {
		if u != base && u.db(t) == base.db(t) && u.file.Version.Compare(base.file.Version) <= 0 {
			p.skipped = append(p.skipped, fileResult(u, fmt.Sprintf("covered by baseline %s", base.file.Path)))
			continue
		}
		pending = append(pending, u)
	}
	p.pending, p.baseline = pending, base
	return nil
}

// key is the history key of u on target t.
func key(u *unit, t Target) history.Key {
	return history.Key{DB: u.db(t), Version: u.file.Version.String(), Type: string(u.file.Type)}
}

func errSuffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + firstLine(s)
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}

func fileResult(u *unit, reason string) FileResult {
	return FileResult{
		Path: u.file.Path, Version: u.file.Version.String(), Type: string(u.file.Type),
		NoTransaction: u.noTx, Statements: len(u.stmts), Reason: reason,
	}
}

// emptySQL finds a user relation outside the system schemas, other than
// the history table ($1.$2), its snapshot table ($1.$3) and what belongs to
// them or to an extension.
const emptySQL = `
WITH h AS (
  SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname IN ($2, $3))
SELECT NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND c.oid NOT IN (SELECT oid FROM h)
    AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
        AND (d.deptype = 'e' OR d.refobjid IN (SELECT oid FROM h))))`

// isEmpty reports whether the database has no user tables.
func isEmpty(ctx context.Context, q history.Querier, t history.Table) (bool, error) {
	var ok bool
	if err := q.QueryRow(ctx, emptySQL, t.Schema, t.Name, t.SnapshotTable().Name).Scan(&ok); err != nil {
		return false, fmt.Errorf("checking whether the database is empty: %w", err)
	}
	return ok, nil
}
