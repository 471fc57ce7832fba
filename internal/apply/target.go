package apply

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
)

// runTarget applies the pending units to one target: connect, refuse a
// pooler, take the apply lock, prepare the history table, read it, check
// the rules, then run the files in order, stopping at the first failure.
// A dry run stops after the rules and lists what would run.
func runTarget(ctx context.Context, opts *Options, table history.Table, t Target, units []*unit, emit func(Event)) TargetResult {
	start := time.Now()
	res := TargetResult{Name: t.Name, DB: t.DB}
	finish := func(status TargetStatus, err error) TargetResult {
		res.Status, res.Err, res.Duration = status, err, time.Since(start)
		if err != nil {
			res.Status = TargetFailed
		}
		emit(Event{Kind: EventTargetDone, Target: t.Name, Message: string(res.Status)})
		return res
	}
	emit(Event{Kind: EventTarget, Target: t.Name})
	conn, err := connect(ctx, opts, t)
	if err != nil {
		return finish(TargetFailed, err)
	}
	defer func() { _ = conn.Close(context.Background()) }()

	if !opts.DryRun {
		pid, err := checkSession(ctx, conn, opts, t)
		if err != nil {
			return finish(TargetFailed, err)
		}
		lockKey := dbconn.LockKey(table.String())
		release, err := dbconn.AcquireLock(ctx, conn, lockKey, dbconn.LockOptions{
			Wait:   opts.LockWait,
			OnWait: func(holder string) { emit(Event{Kind: EventLockWait, Target: t.Name, Message: holder}) },
		})
		if err != nil {
			return finish(TargetFailed, err)
		}
		defer func() { _ = release(context.Background()) }()
		// Behind a pooler the next statement may already run elsewhere.
		if ok, err := dbconn.HoldsLock(ctx, conn, lockKey); err != nil || !ok {
			if err == nil {
				err = dbconn.GuardError()
			}
			return finish(TargetFailed, err)
		}
		created, err := history.EnsureTable(ctx, conn, table)
		if err != nil {
			return finish(TargetFailed, err)
		}
		sess := &session{conn: conn, table: table, target: t, opts: opts, pid: pid, emit: emit,
			checkInterval: checkIntervalSQL(conn), fresh: created}
		return finish(sess.applyAll(ctx, &res, units))
	}
	rows, err := history.Rows(ctx, conn, table)
	if err != nil {
		return finish(TargetFailed, err)
	}
	plan, err := planTarget(t, opts, units, rows, func() (bool, error) { return isEmpty(ctx, conn, table) })
	if err != nil {
		return finish(TargetFailed, err)
	}
	res.Skipped, res.Warnings = plan.skipped, plan.warnings
	for _, u := range plan.ordered() {
		res.Pending = append(res.Pending, fileResult(u, ""))
	}
	if len(res.Pending) == 0 {
		return finish(TargetUpToDate, nil)
	}
	return finish(TargetPending, nil)
}

// applyAll reads history under the lock, plans and runs the files. A
// history table this session just created has no rows to read: no other
// dbcd writes it without the lock, and its unique index refuses a second
// live row of a file anyway.
func (s *session) applyAll(ctx context.Context, res *TargetResult, units []*unit) (TargetStatus, error) {
	var rows []history.Row
	if !s.fresh {
		var err error
		if rows, err = history.ExistingRows(ctx, s.conn, s.table); err != nil {
			return TargetFailed, err
		}
	}
	plan, err := planTarget(s.target, s.opts, units, rows, func() (bool, error) { return isEmpty(ctx, s.conn, s.table) })
	if err != nil {
		return TargetFailed, err
	}
	res.Skipped, res.Warnings = plan.skipped, plan.warnings
	for _, w := range plan.warnings {
		s.emit(Event{Kind: EventWarning, Target: s.target.Name, Message: w})
	}
	todo := plan.ordered()
	snap := &snapshotter{session: s, res: res, perFile: len(todo) <= maxFileSnapshots}
	for i, u := range todo {
		fr := s.run(ctx, u)
		res.Applied = append(res.Applied, fr)
		if fr.Err != nil {
			// A failed transactional file left nothing behind: the
			// schema is still the one after the last file applied.
			if !fr.NoTransaction || fr.Applied == 0 {
				snap.flush(ctx)
			}
			for _, rest := range todo[i+1:] {
				res.Pending = append(res.Pending, fileResult(rest, "not reached"))
			}
			return TargetFailed, fr.Err
		}
		snap.applied(ctx, u, i == len(todo)-1)
		if err := ctx.Err(); err != nil && i+1 < len(todo) {
			for _, rest := range todo[i+1:] {
				res.Pending = append(res.Pending, fileResult(rest, "not reached"))
			}
			return TargetFailed, err
		}
	}
	if len(todo) == 0 {
		return TargetUpToDate, nil
	}
	return TargetApplied, nil
}

// maxFileSnapshots is the most files a run may apply to a target and still
// get a schema snapshot after each of them, and snapshotBudget the most
// time those snapshots after files other than the last may take in one
// run. A snapshot costs a full pgschema.Inspect and Dump, about 50 ms on a
// small schema and seconds on one of thousands of tables, more than a
// typical file; so a longer run (a bootstrap, a catch-up), or a run on a
// large schema once the budget is spent, gets one after its last file
// only, and `dbcd history --diff` shows the change of the files in
// between together, saying so.
const (
	maxFileSnapshots = 10
	snapshotBudget   = 10 * time.Second
)

// snapshotter records the schema after applied files, linked to their
// history rows: the schema drift detection expects after the last one,
// and the before and after of each migration for `dbcd history --diff`.
// Snapshots are stored once per distinct content; a content this run
// already stored is only linked.
type snapshotter struct {
	session *session
	res     *TargetResult
	perFile bool
	// pending is the last applied file without a snapshot yet.
	pending *unit
	stored  map[string]bool
	failed  bool
	// spent is the time taken by snapshots so far.
	spent time.Duration
}

// applied records the schema after u, which was just applied, when u is
// the last file of the run, or every file gets a snapshot, the budget is
// not spent and no snapshot failed.
func (p *snapshotter) applied(ctx context.Context, u *unit, last bool) {
	p.pending = u
	if last || p.perFile && !p.failed && p.spent < snapshotBudget {
		p.flush(ctx)
	}
}

// flush records the schema after the last applied file, if it has none.
// The migrations are applied and recorded either way; a missing snapshot
// leaves drift detection comparing with an older one and history --diff
// without that step, so a failure is a warning (one per run).
func (p *snapshotter) flush(ctx context.Context) {
	u := p.pending
	if u == nil || ctx.Err() != nil || p.session.opts.NoSnapshots {
		return
	}
	p.pending = nil
	s := p.session
	start := time.Now()
	err := p.take(ctx, key(u, s.target))
	p.spent += time.Since(start)
	if err != nil {
		if p.failed {
			return
		}
		p.failed = true
		w := "schema snapshot not recorded: " + err.Error()
		p.res.Warnings = append(p.res.Warnings, w)
		s.emit(Event{Kind: EventWarning, Target: s.target.Name, Message: w})
	}
}

// take reads the schema, stores it (its dump and its serialised model)
// unless this run stored the same content already, and links it to the
// row of k.
func (p *snapshotter) take(ctx context.Context, k history.Key) error {
	s := p.session
	schema, err := pgschema.Inspect(ctx, s.conn, pgschema.Options{ExcludeSchemas: []string{s.table.Schema}})
	if err != nil {
		return err
	}
	content := string(schema.Dump())
	sum := history.SnapshotSHA(content)
	if p.stored[sum] {
		return history.LinkSnapshot(ctx, s.conn, s.table, k, sum)
	}
	// The model goes with the SQL, so that drift compares with it without
	// loading the SQL into a scratch database; a snapshot without one
	// still works, loaded as before.
	model, err := schema.MarshalModel()
	if err != nil {
		model = nil
	}
	if _, err := history.PutLinkSnapshot(ctx, s.conn, s.table, k, content, model); err != nil {
		return err
	}
	if p.stored == nil {
		p.stored = map[string]bool{}
	}
	p.stored[sum] = true
	return nil
}

// ordered returns the files to run: the baseline first, then the rest.
func (p *targetPlan) ordered() []*unit {
	if p.baseline == nil {
		return p.pending
	}
	out := []*unit{p.baseline}
	for _, u := range p.pending {
		if u != p.baseline {
			out = append(out, u)
		}
	}
	return out
}

// connect opens a session to t for this apply.
func connect(ctx context.Context, opts *Options, t Target) (*pgx.Conn, error) {
	cmd := "apply"
	if opts.DryRun {
		cmd = "apply --dry-run"
	}
	// The configured timeouts are the session defaults, so that a file's own
	// RESET lock_timeout (or RESET ALL) returns to them rather than to none,
	// as review assumes of dbcd's runner.
	co := dbconn.ConnectOptions{
		AppName:  dbconn.AppName(cmd, opts.Provenance.BuildNumber, t.Stage),
		Settings: map[string]string{"lock_timeout": ms(opts.LockTimeout), "statement_timeout": ms(opts.StatementTimeout)},
	}
	if !opts.DryRun {
		// checkSession sets client_connection_check_interval in its first
		// query, saving a round trip.
		co.CheckInterval = -1
	}
	return dbconn.Connect(ctx, t.URL, co)
}

// checkIntervalSQL returns an expression, followed by a comma, of a SELECT
// that sets client_connection_check_interval to one second (as
// dbconn.Connect does by default), or "" before PostgreSQL 14.
func checkIntervalSQL(conn *pgx.Conn) string {
	if dbconn.ServerVersion(conn) < 140000 {
		return ""
	}
	return "pg_catalog.set_config('client_connection_check_interval', '1000', false), "
}
