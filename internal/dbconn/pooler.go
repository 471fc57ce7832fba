package dbconn

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// ErrPooler is matched (errors.Is) by the error DetectPooler and the
// session guard return when a transaction- or statement-mode connection
// pooler (PgBouncer, pgcat, Supavisor, RDS Proxy pinning aside) stands
// between dbcd and the database.
var ErrPooler = errors.New("a transaction-mode connection pooler is in front of the database")

// poolerHelp ends every pooler message.
const poolerHelp = "dbcd keeps its apply lock in the database session, which such a pooler " +
	"hands to other clients between transactions; use a direct connection or a session-mode pool for dbcd"

// PoolerError carries what DetectPooler saw.
type PoolerError struct {
	// Evidence says what gave the pooler away.
	Evidence string
}

// Error explains the refusal.
func (e *PoolerError) Error() string {
	return fmt.Sprintf("%v (%s); %s", ErrPooler, e.Evidence, poolerHelp)
}

// Is makes errors.Is(err, ErrPooler) true.
func (e *PoolerError) Is(target error) bool { return target == ErrPooler }

// probeSetting is the custom setting DetectPooler uses as a session marker.
const probeSetting = "dbcd.session_probe"

// DetectPooler checks that conn is a real PostgreSQL session, one server
// process for the life of the connection, and returns a *PoolerError when
// it is not. open must open a second connection to the same database; it
// is closed before DetectPooler returns.
//
// The check needs no pooler-specific command (a pooler forwards SHOW and
// the like to the server, so they prove nothing). It marks conn's session
// with a random custom setting and notes its server process id, then asks
// a second, new connection, opened while conn stays open, for the same two
// things, and finally asks conn again. On a direct connection, or through
// a session-mode pool, the second connection has a process of its own and
// cannot see the mark, and conn still has both. A transaction-mode pooler
// gives it away either way: when idle it hands the second client the very
// process conn just used (same pid, mark visible), and when busy it moves
// conn itself to another process (pid changed, mark gone). A pooler that
// happens to do neither during the check is caught later by the session
// guard (GuardSQL) that apply runs before each file.
func DetectPooler(ctx context.Context, conn *pgx.Conn, open func(context.Context) (*pgx.Conn, error)) error {
	token, err := randomToken()
	if err != nil {
		return err
	}
	var pid1 int32
	if err := conn.QueryRow(ctx, "SELECT pg_catalog.pg_backend_pid(), pg_catalog.set_config($1, $2, false)",
		probeSetting, token).Scan(&pid1, new(string)); err != nil {
		return fmt.Errorf("checking for a connection pooler: %w", err)
	}
	defer func() { _, _ = conn.Exec(ctx, "RESET "+probeSetting) }()
	other, err := open(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = other.Close(context.Background()) }()
	var pid2 int32
	var seen2 string
	if err := other.QueryRow(ctx, "SELECT pg_catalog.pg_backend_pid(), coalesce(pg_catalog.current_setting($1, true), '')",
		probeSetting).Scan(&pid2, &seen2); err != nil {
		return fmt.Errorf("checking for a connection pooler: %w", err)
	}
	var pid3 int32
	var seen3 string
	if err := conn.QueryRow(ctx, "SELECT pg_catalog.pg_backend_pid(), coalesce(pg_catalog.current_setting($1, true), '')",
		probeSetting).Scan(&pid3, &seen3); err != nil {
		return fmt.Errorf("checking for a connection pooler: %w", err)
	}
	if ev := poolerEvidence(token, pid1, pid2, seen2, pid3, seen3); ev != "" {
		return &PoolerError{Evidence: ev}
	}
	return nil
}

// poolerEvidence judges the probe: pid1 is conn's process when it set
// token, pid2 and seen2 what a second connection saw, pid3 and seen3 what
// conn saw afterwards. It returns "" for a real session.
func poolerEvidence(token string, pid1, pid2 int32, seen2 string, pid3 int32, seen3 string) string {
	switch {
	case pid2 == pid1:
		return fmt.Sprintf("a second connection ran on the same server process %d while the first was still open", pid1)
	case seen2 == token:
		return "a second connection saw a setting made in the first one's session"
	case pid3 != pid1:
		return fmt.Sprintf("the connection moved from server process %d to %d between two statements", pid1, pid3)
	case seen3 != token:
		return "a session setting was lost between two statements"
	}
	return ""
}

// GuardSQL returns an SQL expression that fails unless it is evaluated on
// server process pid, the one that took the apply lock. apply evaluates it
// at the start of every file, inside the file's transaction when there is
// one, so that no migration statement runs on a session a pooler moved to
// another process (where the session-level lock does not hold). It needs
// no procedural language: the failure is a cast of the guard message to
// integer, which IsGuardError recognises. The lock itself needs no check:
// a session lock stays with its process until that process unlocks it.
func GuardSQL(pid uint32) string {
	p := strconv.FormatUint(uint64(pid), 10)
	return "CASE WHEN pg_catalog.pg_backend_pid() = " + p + " THEN 0 ELSE ('" + guardMessage +
		" (process ' || pg_catalog.pg_backend_pid() || ' instead of " + p + ")')::integer END"
}

// guardMessage starts the error of a failing guard.
const guardMessage = "dbcd session guard: the statement would not run in the session that holds the apply lock"

// IsGuardError reports whether err comes from the expression of GuardSQL.
func IsGuardError(err error) bool {
	pe := PgError(err)
	return pe != nil && pe.Code == "22P02" && strings.Contains(pe.Message, guardMessage)
}

// GuardError turns a guard failure into a *PoolerError.
func GuardError() error {
	return &PoolerError{Evidence: "the session no longer runs on the server process that took the apply lock"}
}

func randomToken() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("checking for a connection pooler: %w", err)
	}
	return hex.EncodeToString(b), nil
}
