package apply

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
)

// session is one target's connection while it holds the apply lock.
type session struct {
	conn   *pgx.Conn
	table  history.Table
	target Target
	opts   *Options
	// pid is the server process that took the apply lock.
	pid uint32
	// checkInterval is an expression, followed by a comma, that sets
	// client_connection_check_interval; "" before PostgreSQL 14. Every
	// file sets it again after its RESET ALL.
	checkInterval string
	// fresh: the history table was created by this session, so it has no
	// rows to read.
	fresh bool
	emit  func(Event)
}

// row returns the history row of u on the session's target.
func (s *session) row(u *unit) *history.Row {
	k := key(u, s.target)
	return &history.Row{
		DB: k.DB, Version: k.Version, Type: k.Type,
		Description: u.file.Description, Path: u.file.Path, Checksum: u.file.Checksum,
		Statements: string(u.file.Content), NoTransaction: u.noTx, StatementsTotal: len(u.stmts),
		Stage: s.target.Stage, Target: s.target.Name, Provenance: s.opts.Provenance,
	}
}

// run applies u, retrying on lock_timeout as Options say.
func (s *session) run(ctx context.Context, u *unit) FileResult {
	s.emit(Event{Kind: EventFileStart, Target: s.target.Name, File: u.file.Path})
	start := time.Now()
	var res FileResult
	if u.noTx {
		res = s.runNoTx(ctx, u)
	} else {
		res = s.runTx(ctx, u)
	}
	res.Duration = time.Since(start)
	if res.Err != nil {
		s.emit(Event{Kind: EventFileFailed, Target: s.target.Name, File: u.file.Path, Message: res.Err.Error()})
	} else {
		s.emit(Event{Kind: EventFileDone, Target: s.target.Name, File: u.file.Path})
	}
	return res
}

// retry decides whether a statement that failed with err may run again
// after attempt failures, and sleeps before it does.
func (s *session) retry(ctx context.Context, u *unit, err error, attempt int) bool {
	pe := dbconn.PgError(err)
	if pe == nil || pe.Code != "55P03" || attempt >= s.opts.LockRetries || s.conn.IsClosed() {
		return false
	}
	base := s.opts.RetryBackoff
	if base <= 0 {
		base = time.Second
	}
	pause := base << attempt
	pause = pause/2 + rand.N(pause/2+1)
	s.emit(Event{Kind: EventRetry, Target: s.target.Name, File: u.file.Path,
		Message: fmt.Sprintf("lock timeout, retry %d of %d in %s", attempt+1, s.opts.LockRetries, pause.Round(time.Millisecond))})
	t := time.NewTimer(pause)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// stmtError describes a failure of statement i of u.
func (s *session) stmtError(u *unit, i int, err error) *FileError {
	fe := &FileError{Target: s.target.Name, Path: u.file.Path, Statements: len(u.stmts), Err: err}
	if i >= 0 && i < len(u.stmts) {
		st := &u.stmts[i]
		fe.Statement, fe.Line, fe.Column = i+1, st.Line, st.Column
		if pe := dbconn.PgError(err); pe != nil {
			fe.Line, fe.Column = dbconn.ErrorPosition(st.Text, st.Line, st.Column, pe.Position)
		}
	}
	if pe := dbconn.PgError(err); pe != nil {
		fe.SQLState, fe.Message, fe.Detail, fe.Hint = pe.Code, pe.Message, pe.Detail, pe.Hint
	}
	if dbconn.IsGuardError(err) {
		fe.Err = dbconn.GuardError()
	}
	return fe
}

// rollback ends a transaction a failure left open, if the session lives.
func (s *session) rollback() {
	if s.conn.IsClosed() || s.conn.PgConn().TxStatus() == 'I' {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, _ = s.conn.Exec(ctx, "ROLLBACK")
}

// ms formats a duration as a PostgreSQL setting in milliseconds ("0" is
// no limit).
func ms(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	return strconv.FormatInt(max(d.Milliseconds(), 1), 10)
}

// checkSession refuses a transaction-mode connection pooler in front of t
// and returns the server process that runs conn's statements, the one the
// session guard of every file checks for.
//
// The full check, dbconn.DetectPooler, opens a second connection: on this
// path the most expensive step of a target after the migrations themselves
// (a server process forked and authenticated for one query). It is skipped
// when the cancel key the server sent at startup (BackendKeyData) names the
// very process that runs the session's statements, which only PostgreSQL
// itself, or a plain TCP proxy, does: a transaction-mode pooler does not
// tie a client to one server process, so it cannot hand the client a
// server's key, and PgBouncer, Odyssey, pgcat and Supavisor issue keys of
// their own. A session-mode pool issues its own keys too and gets the full
// check, which it passes. The guard of every file still checks the server
// process.
//
// The same query sets client_connection_check_interval, which connect
// left out to save a round trip.
func checkSession(ctx context.Context, conn *pgx.Conn, opts *Options, t Target) (uint32, error) {
	var pid uint32
	var setting string
	dest := []any{&pid}
	if checkIntervalSQL(conn) != "" {
		dest = []any{&setting, &pid}
	}
	if err := conn.QueryRow(ctx, "SELECT "+checkIntervalSQL(conn)+"pg_catalog.pg_backend_pid()").Scan(dest...); err != nil {
		return 0, fmt.Errorf("checking for a connection pooler: %w", err)
	}
	if pid == conn.PgConn().PID() {
		return pid, nil
	}
	err := dbconn.DetectPooler(ctx, conn, func(ctx context.Context) (*pgx.Conn, error) {
		// The probe needs none of the session's settings.
		return dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{
			AppName: dbconn.AppName("apply", opts.Provenance.BuildNumber, t.Stage), CheckInterval: -1,
		})
	})
	return pid, err
}
