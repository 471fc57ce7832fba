package apply

import (
	"context"
	"time"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
)

// ResolveOptions describe a dbcd resolve on one target.
type ResolveOptions struct {
	Target       Target
	HistoryTable string
	// Version is the version of the running or failed file.
	Version string
	// As is history.StatusDone or history.StatusRolledBack.
	As history.Status
	// By and Reason say who resolved it and why; both go into the row.
	By, Reason string
	// LockWait bounds the wait for a dbcd apply working on the target.
	LockWait    time.Duration
	BuildNumber string
}

// Resolve marks the running or failed row of a version on one target as
// done or rolled back. It takes the target's apply lock first, so that a
// row that is running because an apply is still at work cannot be
// resolved under it (a lock wait error says who holds it), and returns the
// updated row. history.ErrNothingToResolve says there was nothing to do.
func Resolve(ctx context.Context, opts ResolveOptions) (*history.Row, error) {
	table, err := history.ParseTable(opts.HistoryTable)
	if err != nil {
		return nil, err
	}
	conn, err := dbconn.Connect(ctx, opts.Target.URL, dbconn.ConnectOptions{
		AppName: dbconn.AppName("resolve", opts.BuildNumber, opts.Target.Stage)})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	release, err := dbconn.AcquireLock(ctx, conn, dbconn.LockKey(table.String()), dbconn.LockOptions{Wait: opts.LockWait})
	if err != nil {
		return nil, err
	}
	defer func() { _ = release(context.Background()) }()
	if err := history.Ensure(ctx, conn, table); err != nil {
		return nil, err
	}
	db := opts.Target.DB
	return history.Resolve(ctx, conn, table, db, opts.Version, opts.As, opts.By, opts.Reason)
}

// History returns the history rows of one target, oldest first; none when
// the table does not exist yet. It takes no lock and creates nothing.
func History(ctx context.Context, t Target, historyTable string) ([]history.Row, error) {
	table, err := history.ParseTable(historyTable)
	if err != nil {
		return nil, err
	}
	conn, err := dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{AppName: dbconn.AppName("history", "", t.Stage), CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	return history.Rows(ctx, conn, table)
}
