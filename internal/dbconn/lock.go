package dbconn

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrLockTimeout is matched (errors.Is) by the *LockTimeoutError AcquireLock
// returns when another session kept the lock for longer than the wait.
var ErrLockTimeout = errors.New("timed out waiting for the apply lock")

// LockTimeoutError reports that another session held the lock for the whole
// wait.
type LockTimeoutError struct {
	// Waited is how long AcquireLock waited.
	Waited time.Duration
	// Holder describes the session that held the lock when AcquireLock gave
	// up, or is "" when it could not be seen.
	Holder string
}

// Error names the holder and the wait.
func (e *LockTimeoutError) Error() string {
	holder := "another session"
	if e.Holder != "" {
		holder = e.Holder
	}
	return fmt.Sprintf("another dbcd run holds the apply lock of this database (%s); gave up after %s (apply.lock_wait)",
		holder, e.Waited.Round(time.Millisecond))
}

// Is makes errors.Is(err, ErrLockTimeout) true.
func (e *LockTimeoutError) Is(target error) bool { return target == ErrLockTimeout }

// LockKey derives the advisory lock key of a dbcd lock named name (the apply
// lock of a target uses its history table's name), from the first 8 bytes
// of a SHA-256 of a dbcd prefix and the name. Advisory locks are per
// database, so the key only needs to keep dbcd apart from other users of
// advisory locks in the same database, and two history tables apart.
func LockKey(name string) int64 {
	sum := sha256.Sum256([]byte("dbcd advisory lock\x00" + name))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

// LockOptions tune AcquireLock.
type LockOptions struct {
	// Wait is how long to wait for another holder; 0 tries once.
	Wait time.Duration
	// OnWait, when set, is called when the lock is found taken and again
	// whenever the holder changes, with a description of the holder.
	OnWait func(holder string)
	// MinBackoff and MaxBackoff bound the pause between attempts, which
	// doubles from the first to the second with some jitter. Zero means
	// 25ms and 1s.
	MinBackoff, MaxBackoff time.Duration
}

// AcquireLock takes the session-level advisory lock key on conn, polling
// pg_try_advisory_lock with backoff for up to opts.Wait. It never blocks in
// pg_advisory_lock: a session blocked there is a transaction that CREATE
// INDEX CONCURRENTLY of the holder would wait for, a deadlock. Between
// attempts no transaction is open. The lock belongs to the session, so the
// server frees it when the session ends, however dbcd ends. On timeout the
// error is a *LockTimeoutError. release unlocks; it may be skipped when conn
// is closed right after.
func AcquireLock(ctx context.Context, conn *pgx.Conn, key int64, opts LockOptions) (release func(context.Context) error, err error) {
	minB, maxB := opts.MinBackoff, opts.MaxBackoff
	if minB <= 0 {
		minB = 25 * time.Millisecond
	}
	if maxB <= 0 {
		maxB = time.Second
	}
	start := time.Now()
	backoff := minB
	lastHolder := "\x00"
	for {
		var ok bool
		if err := conn.QueryRow(ctx, "SELECT pg_catalog.pg_try_advisory_lock($1)", key).Scan(&ok); err != nil {
			return nil, fmt.Errorf("taking the apply lock: %w", err)
		}
		if ok {
			return func(ctx context.Context) error {
				if conn.IsClosed() {
					return nil
				}
				_, err := conn.Exec(ctx, "SELECT pg_catalog.pg_advisory_unlock($1)", key)
				return err
			}, nil
		}
		holder, _ := LockHolder(ctx, conn, key)
		if holder != lastHolder {
			lastHolder = holder
			if opts.OnWait != nil {
				opts.OnWait(holder)
			}
		}
		waited := time.Since(start)
		if waited >= opts.Wait {
			return nil, &LockTimeoutError{Waited: waited, Holder: holder}
		}
		pause := min(backoff/2+rand.N(backoff/2+1), opts.Wait-waited)
		backoff = min(backoff*2, maxB)
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("waiting for the apply lock: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// lockHolderSQL finds the session holding advisory lock $1 in the current
// database. A bigint key shows in pg_locks as classid (high 32 bits), objid
// (low 32 bits) and objsubid 1.
const lockHolderSQL = `
SELECT l.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), ''),
       coalesce(a.usename::text, ''), coalesce(extract(epoch FROM now() - a.backend_start)::bigint, -1)
FROM pg_catalog.pg_locks l
LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
  AND l.classid = (($1::bigint >> 32) & 4294967295)::oid
  AND l.objid = ($1::bigint & 4294967295)::oid
LIMIT 1`

// LockHolder describes the session that holds advisory lock key in conn's
// database: its process id, application_name (which for dbcd names the
// build and stage), client address, user and age. It returns "" when no
// session holds the lock.
func LockHolder(ctx context.Context, conn *pgx.Conn, key int64) (string, error) {
	var (
		pid             int32
		app, addr, user string
		age             int64
	)
	err := conn.QueryRow(ctx, lockHolderSQL, key).Scan(&pid, &app, &addr, &user, &age)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("looking up the apply lock holder: %w", err)
	}
	s := fmt.Sprintf("pid %d", pid)
	if app != "" {
		s += fmt.Sprintf(" %q", app)
	}
	if addr != "" {
		s += " from " + addr
	}
	if user != "" {
		s += " as " + user
	}
	if age >= 0 {
		s += ", connected " + (time.Duration(age) * time.Second).String() + " ago"
	}
	return s, nil
}

// HoldsLock reports whether conn's current server process holds advisory
// lock key. Behind a transaction-mode pooler it can be false right after the
// lock was taken: the next statement ran on another server process.
func HoldsLock(ctx context.Context, conn *pgx.Conn, key int64) (bool, error) {
	var ok bool
	err := conn.QueryRow(ctx, `
SELECT EXISTS (
  SELECT 1 FROM pg_catalog.pg_locks
  WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND pid = pg_catalog.pg_backend_pid()
    AND classid = (($1::bigint >> 32) & 4294967295)::oid AND objid = ($1::bigint & 4294967295)::oid)`, key).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("checking the apply lock: %w", err)
	}
	return ok, nil
}
