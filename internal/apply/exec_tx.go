package apply

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
)

// runTx applies a transactional file: its statements and its done row in
// one transaction, sent as one pipelined batch (one round trip):
//
//	BEGIN; RESET ALL; SELECT <timeouts>, <session guard>; statements...;
//	RESET ROLE; INSERT history row; COMMIT
//
// RESET ALL keeps settings of an earlier file from leaking into this one;
// RESET ROLE makes the history row be written as dbcd's own user. When a
// statement fails the server skips the rest, the transaction is rolled
// back, and a rolled-back row records the attempt.
func (s *session) runTx(ctx context.Context, u *unit) FileResult {
	res := fileResult(u, "")
	for attempt := 0; ; attempt++ {
		started := time.Now()
		failAt, prefix, err := s.sendTx(ctx, u)
		if err == nil {
			res.Applied = len(u.stmts)
			return res
		}
		s.rollback()
		stmt := failAt - prefix
		if stmt >= 0 && stmt < len(u.stmts) && s.retry(ctx, u, err, attempt) {
			res.Retries++
			continue
		}
		var fe *FileError
		switch {
		case stmt >= 0 && stmt < len(u.stmts):
			fe = s.stmtError(u, stmt, err)
		case failAt >= 0 && failAt < prefix:
			fe = s.stmtError(u, -1, fmt.Errorf("preparing the session: %w", err))
		default:
			fe = s.stmtError(u, -1, s.commitError(err))
		}
		if dbconn.IsGuardError(err) {
			fe.Err = dbconn.GuardError()
		}
		res.Err = fe
		s.recordRollback(u, started, fe)
		return res
	}
}

// sendTx sends u's batch and reads the results. It returns the index of the
// batch entry that failed (-1 when the error is not an entry's), the index
// of u's first statement in the batch, and the error.
func (s *session) sendTx(ctx context.Context, u *unit) (failAt, prefix int, err error) {
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue("RESET ALL")
	b.Queue("SELECT pg_catalog.set_config('lock_timeout', $1, true), pg_catalog.set_config('statement_timeout', $2, true), "+
		s.checkInterval+dbconn.GuardSQL(s.pid), ms(u.lockTimeout), ms(u.statementTimeout))
	prefix = b.Len()
	for i := range u.stmts {
		b.Queue(u.stmts[i].Text)
	}
	b.Queue("RESET ROLE")
	r := s.row(u)
	r.Status, r.StatementsApplied = history.StatusDone, len(u.stmts)
	sql, args := history.InsertFinishedSQL(s.table, r)
	b.Queue(sql, args...)
	b.Queue("COMMIT")
	br := s.conn.SendBatch(ctx, b)
	failAt = -1
	for i := 0; i < b.Len(); i++ {
		if _, err = br.Exec(); err != nil {
			failAt = i
			break
		}
	}
	if cerr := br.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return failAt, prefix, err
}

// commitError explains a failure after the file's statements.
func (s *session) commitError(err error) error {
	if pe := dbconn.PgError(err); pe != nil && pe.Code == "23505" {
		return fmt.Errorf("the file is already recorded in %s: another run applied it at the same time; "+
			"nothing of this attempt was kept: %w", s.table, err)
	}
	return fmt.Errorf("committing: %w", err)
}

// recordRollback writes a rolled-back row for a transactional file that
// failed, so that history shows the attempt and its error. It is best
// effort: the file left nothing behind either way.
func (s *session) recordRollback(u *unit, started time.Time, fe *FileError) {
	if s.conn.IsClosed() || errors.Is(fe.Err, dbconn.ErrPooler) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r := s.row(u)
	r.Status, r.StartedAt, r.Error = history.StatusRolledBack, started, fe.Error()
	_ = history.InsertFinished(ctx, s.conn, s.table, r)
}
