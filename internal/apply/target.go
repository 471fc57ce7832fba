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
		if err := dbconn.DetectPooler(ctx, conn, func(ctx context.Context) (*pgx.Conn, error) {
			return connect(ctx, opts, t)
		}); err != nil {
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
		if err := history.Ensure(ctx, conn, table); err != nil {
			return finish(TargetFailed, err)
		}
		sess := &session{conn: conn, table: table, target: t, opts: opts, pid: conn.PgConn().PID(), emit: emit}
		if dbconn.ServerVersion(conn) >= 140000 {
			// Set again after each RESET ALL; an expression of the
			// SELECT that sets the file's timeouts.
			sess.checkInterval = "pg_catalog.set_config('client_connection_check_interval', '1000', false), "
		}
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

// applyAll reads history under the lock, plans and runs the files.
func (s *session) applyAll(ctx context.Context, res *TargetResult, units []*unit) (TargetStatus, error) {
	rows, err := history.Rows(ctx, s.conn, s.table)
	if err != nil {
		return TargetFailed, err
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
	for i, u := range todo {
		fr := s.run(ctx, u)
		res.Applied = append(res.Applied, fr)
		if fr.Err != nil {
			for _, rest := range todo[i+1:] {
				res.Pending = append(res.Pending, fileResult(rest, "not reached"))
			}
			return TargetFailed, fr.Err
		}
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
	if err := s.snapshot(ctx); err != nil {
		// The migrations are applied and recorded; only drift detection
		// against history loses its baseline until the next apply.
		w := "schema snapshot not recorded: " + err.Error()
		res.Warnings = append(res.Warnings, w)
		s.emit(Event{Kind: EventWarning, Target: s.target.Name, Message: w})
	}
	return TargetApplied, nil
}

// snapshot records the schema after the run, linked to the last history row
// written, stored once per distinct content: the expected schema that drift
// detection compares the live one with.
func (s *session) snapshot(ctx context.Context) error {
	rows, err := history.Rows(ctx, s.conn, s.table)
	if err != nil {
		return err
	}
	var last int64
	for _, r := range rows {
		if r.Status == history.StatusDone && r.ID > last {
			last = r.ID
		}
	}
	if last == 0 {
		return nil
	}
	schema, err := pgschema.Inspect(ctx, s.conn, pgschema.Options{ExcludeSchemas: []string{s.table.Schema}})
	if err != nil {
		return err
	}
	_, err = history.StoreSnapshot(ctx, s.conn, s.table, last, string(schema.Dump()))
	return err
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
	return dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{
		AppName:  dbconn.AppName(cmd, opts.Provenance.BuildNumber, t.Stage),
		Settings: map[string]string{"lock_timeout": ms(opts.LockTimeout), "statement_timeout": ms(opts.StatementTimeout)},
	})
}
