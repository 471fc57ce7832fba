package apply

import (
	"context"
	"fmt"
	"time"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
)

// runNoTx applies a no-transaction file statement by statement, like psql
// -f: a running row committed first, then for each statement the timeouts
// and the session guard, the statement itself on its own (so that CREATE
// INDEX CONCURRENTLY and the like run outside a transaction block), and the
// progress (count and hash of the statements applied). A failure marks the
// row failed with the statement reached; a lost session leaves it running.
// Either way later applies refuse until dbcd resolve. Explicit BEGIN ...
// COMMIT in the file is honoured; a file that leaves a transaction open
// fails.
func (s *session) runNoTx(ctx context.Context, u *unit) FileResult {
	res := fileResult(u, "")
	resolve := resolveCommand(s.target.Stage, s.target.Name, u.file.Version.String())
	if _, err := s.conn.Exec(ctx, "RESET ALL; RESET ROLE; SELECT "+s.checkInterval+"0"); err != nil {
		res.Err = s.stmtError(u, -1, fmt.Errorf("preparing the session: %w", err))
		return res
	}
	builds := indexBuilds(u)
	if builds != nil {
		if fe := s.checkInvalidInTheWay(ctx, u, builds); fe != nil {
			res.Err = fe
			return res
		}
	}
	r := s.row(u)
	id, err := history.Start(ctx, s.conn, s.table, r)
	if err != nil {
		res.Err = s.stmtError(u, -1, err)
		return res
	}
	hashes := make([]string, 0, len(u.stmts))
	// fail records a failure at statement i (-1: not a statement's); b and
	// before are the statement's index build and the INVALID indexes when
	// it started.
	fail := func(i int, err error, b *indexBuild, before []int64) FileResult {
		s.rollback()
		fe := s.stmtError(u, i, err)
		s.noteInvalidIndexes(b, before, fe)
		if !s.conn.IsClosed() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if ferr := history.Finish(ctx, s.conn, s.table, id, history.StatusFailed, fe.Error()); ferr != nil {
				fe.Err = fmt.Errorf("%w (and recording the failure failed: %v)", fe.Err, ferr)
			}
		}
		fe.Resolve = resolve
		res.Err, res.Applied = fe, len(hashes)
		return res
	}
	for i := range u.stmts {
		st := &u.stmts[i]
		var b *indexBuild
		if builds != nil {
			b = builds[i]
		}
		for attempt := 0; ; attempt++ {
			var before []int64
			before, err = s.execStatement(ctx, u, st.Text, b != nil)
			if err == nil {
				break
			}
			// A statement that cannot run in a transaction may leave
			// something behind when it fails (an INVALID index after CREATE
			// INDEX CONCURRENTLY), and one inside the file's own BEGIN
			// block aborted it: neither is retried.
			if st.NoTransaction || s.conn.IsClosed() || s.conn.PgConn().TxStatus() != 'I' || !s.retry(ctx, u, err, attempt) {
				return fail(i, err, b, before)
			}
			res.Retries++
		}
		hashes = append(hashes, history.StatementHash(st.Text))
		if err := history.Progress(ctx, s.conn, s.table, id, hashes); err != nil {
			return fail(-1, err, nil, nil)
		}
	}
	if s.conn.PgConn().TxStatus() != 'I' {
		return fail(-1, fmt.Errorf("the file leaves a transaction open (BEGIN without COMMIT); it was rolled back"), nil, nil)
	}
	if err := history.Finish(ctx, s.conn, s.table, id, history.StatusDone, ""); err != nil {
		return fail(-1, err, nil, nil)
	}
	res.Applied = len(u.stmts)
	return res
}

// execStatement sets the timeouts, checks the session and runs one
// statement, each alone in a simple-protocol query. For an index build
// (build) it returns the INVALID indexes that existed before, read in the
// same round trip as the timeouts, so that a failure can name those it
// left; nil otherwise.
func (s *session) execStatement(ctx context.Context, u *unit, text string, build bool) ([]int64, error) {
	setup := "SELECT pg_catalog.set_config('lock_timeout', '" + ms(u.lockTimeout) + "', false), " +
		"pg_catalog.set_config('statement_timeout', '" + ms(u.statementTimeout) + "', false), " + dbconn.GuardSQL(s.pid)
	var before []int64
	var err error
	if build {
		before = []int64{}
		err = s.conn.QueryRow(ctx, setup+", "+invalidIndexesSQL).Scan(nil, nil, nil, &before)
	} else {
		_, err = s.conn.Exec(ctx, setup)
	}
	if err != nil {
		if dbconn.IsGuardError(err) {
			return nil, dbconn.GuardError()
		}
		return nil, fmt.Errorf("preparing the statement: %w", err)
	}
	_, err = s.conn.Exec(ctx, text)
	return before, err
}
