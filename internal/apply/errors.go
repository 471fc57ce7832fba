package apply

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dbcd/dbcd/internal/dbconn"
)

// Sentinel errors, matched with errors.Is on what Run returns.
var (
	// ErrBadFile: a file cannot be run as written (it does not parse, or
	// mixes statements that need a transaction block with ones that cannot
	// run in one). Returned before anything runs.
	ErrBadFile = errors.New("migration file cannot be applied")
	// ErrChecksum: an applied file changed since (a *BlockedError).
	ErrChecksum = errors.New("applied migration file changed")
	// ErrUnresolved: a no-transaction file is still running or failed on
	// the target and needs dbcd resolve (a *BlockedError).
	ErrUnresolved = errors.New("unresolved migration")
	// ErrOutOfOrder: migrations.out_of_order is error and a pending file
	// has a lower version than one applied (a *BlockedError).
	ErrOutOfOrder = errors.New("out-of-order migration")
	// ErrBaseline: a baseline cannot be applied to this database (a
	// *BlockedError).
	ErrBaseline = errors.New("baseline refused")
	// ErrNotChecked: a file became pending after the pre-checks
	// (Options.Checked) looked at the target (a *BlockedError).
	ErrNotChecked = errors.New("pending file not checked")
	// ErrGate: promoted files are not done on an earlier stage (a
	// *GateError).
	ErrGate = errors.New("earlier stage not done")
	// ErrMigration: a statement of a file failed (a *FileError).
	ErrMigration = errors.New("migration failed")
	// ErrInvalidIndex: an INVALID index, left by an earlier failed CREATE
	// INDEX CONCURRENTLY, has the name a statement of a no-transaction file
	// would create; nothing of the file ran (a *FileError, which also
	// matches ErrMigration).
	ErrInvalidIndex = errors.New("INVALID index in the way")
	// ErrLockTimeout: another dbcd held the target for longer than
	// apply.lock_wait; the CLI exits 3.
	ErrLockTimeout = dbconn.ErrLockTimeout
	// ErrPooler: a transaction-mode pooler stands in front of the target.
	ErrPooler = dbconn.ErrPooler
)

// FileError is a file that failed on a target.
type FileError struct {
	Target string
	Path   string
	// Line and Column locate the failing statement, or the error position
	// the server reported inside it.
	Line, Column int
	// Statement is the 1-based number of the failing statement of
	// Statements; 0 when the failure is not a statement's (the commit, or
	// recording history).
	Statement, Statements int
	// SQLState, Message, Detail and Hint are the server's, when it sent
	// an error.
	SQLState, Message, Detail, Hint string
	// InvalidIndexes are the indexes (schema-qualified, quoted as needed)
	// that a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY left
	// INVALID; each must be dropped before the file is resolved or rerun.
	InvalidIndexes []string
	// MaybeInvalidIndex is the index such a statement may have left
	// INVALID when the session ended before dbcd could look.
	MaybeInvalidIndex string
	// Resolve, for a no-transaction file, is the command that clears the
	// failure once a person has looked at it.
	Resolve string
	Err     error
}

// Error reads like a compiler message: path:line:column: what failed.
func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Statement > 0 {
		fmt.Fprintf(&b, "statement %d of %d failed", e.Statement, e.Statements)
	} else {
		b.WriteString("failed")
	}
	if e.Target != "" {
		fmt.Fprintf(&b, " on target %s", e.Target)
	}
	b.WriteString(": ")
	if pe := dbconn.PgError(e.Err); pe != nil {
		b.WriteString(dbconn.DescribePgError(pe))
	} else {
		b.WriteString(e.Err.Error())
	}
	for _, line := range invalidIndexLines(e.InvalidIndexes, e.MaybeInvalidIndex) {
		b.WriteString("\n" + line)
	}
	if e.Resolve != "" {
		b.WriteString("\nafter fixing the database, run: " + e.Resolve)
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrMigration) true, except for a file that
// could not be run at all (ErrBadFile).
func (e *FileError) Is(target error) bool {
	return target == ErrMigration && !errors.Is(e.Err, ErrBadFile)
}

// BlockedError is a rule that stops a target before anything runs on it.
type BlockedError struct {
	Target string
	// Kind is ErrChecksum, ErrUnresolved, ErrOutOfOrder or ErrBaseline.
	Kind error
	// Problems are one sentence per file.
	Problems []string
}

// Error lists the problems.
func (e *BlockedError) Error() string {
	return fmt.Sprintf("target %s: %v: %s", e.Target, e.Kind, strings.Join(e.Problems, "; "))
}

// Is matches the error's Kind.
func (e *BlockedError) Is(target error) bool { return target == e.Kind }

// Missing is a promoted file not done on a target of an earlier stage.
type Missing struct {
	Path, Stage, Target string
	// Reason is "not applied", "failed", "applied with checksum X", ...
	Reason string
}

// GateError lists what is missing on earlier stages.
type GateError struct {
	Stage   string
	Missing []Missing
}

// Error names each missing file and where.
func (e *GateError) Error() string {
	var parts []string
	for _, m := range e.Missing {
		parts = append(parts, fmt.Sprintf("%s is %s on %s/%s", m.Path, m.Reason, m.Stage, m.Target))
	}
	return fmt.Sprintf("stage %s refuses: files must be done on earlier stages first: %s", e.Stage, strings.Join(parts, "; "))
}

// Is makes errors.Is(err, ErrGate) true.
func (e *GateError) Is(target error) bool { return target == ErrGate }

// PartialError is returned by Run when some targets failed. Result holds
// what was done everywhere; the errors are the failed targets'.
type PartialError struct {
	Result *Result
	Errs   []error
}

// Error summarises the failed targets.
func (e *PartialError) Error() string {
	failed := e.Result.Failed()
	var b strings.Builder
	fmt.Fprintf(&b, "stage %s: %d of %d targets failed", e.Result.Stage, len(failed), len(e.Result.Targets))
	for _, t := range failed {
		fmt.Fprintf(&b, "\n%s: %v", t.Name, t.Err)
	}
	return b.String()
}

// Unwrap returns each failed target's error, for errors.Is and errors.As.
func (e *PartialError) Unwrap() []error { return e.Errs }

// resolveCommand is the command that clears a failed file.
func resolveCommand(stage, target, version string) string {
	return fmt.Sprintf("dbcd resolve --stage %s --target %s --version %s --as done|rolled-back", stage, target, version)
}
