// Package apply applies the pending migration files of a stage to its
// target databases: one dbcd per target at a time (a polled session-level
// advisory lock), rules checked before anything runs (changed files,
// unresolved failures, out-of-order versions, baselines, promotion from
// earlier stages), transactional files in one transaction with their
// history row, no-transaction files statement by statement with recorded
// progress, and a rollout across targets in waves.
//
// It is driven by plain values (Options) and returns plain values (Result);
// the CLI converts dbcd.yaml into Options and renders the Result.
package apply

import (
	"time"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/source"
)

// Target is one database of a stage.
type Target struct {
	Stage string
	// Name identifies the target within its stage (for --target, history
	// rows and messages).
	Name string
	// DB is the logical database the target serves ({{DB_NAME}}).
	DB string
	// URL is the connection string; it is never printed unredacted.
	URL string
}

// StageTargets are the targets of an earlier stage, for after: gating.
type StageTargets struct {
	Stage   string
	Targets []Target
}

// OutOfOrder is the migrations.out_of_order policy for a pending version
// lower than one already applied.
type OutOfOrder string

// The out-of-order policies.
const (
	OutOfOrderAllow OutOfOrder = "allow"
	OutOfOrderWarn  OutOfOrder = "warn"
	OutOfOrderError OutOfOrder = "error"
)

// Shard selects the Index-th (1-based) of Count deterministic slices of a
// stage's targets: the targets whose position in Options.Targets, counted
// from 0, is Index-1 modulo Count. The zero value selects every target.
type Shard struct{ Index, Count int }

// Provenance says who and what runs the apply; it goes into every history
// row written.
type Provenance = history.Provenance

// Options describe one apply of a stage.
type Options struct {
	Stage   string
	Targets []Target
	// Files are the stage's files in apply order (source.Tree.ForStage).
	// A target receives those of its database and those without one.
	Files []*source.File
	// LockTimeout and StatementTimeout are set for every statement unless
	// the file overrides them (-- dbcd:lock-timeout, -- dbcd:statement-timeout).
	// Zero means no limit.
	LockTimeout      time.Duration
	StatementTimeout time.Duration
	// LockRetries is how often a statement that failed on lock_timeout
	// (SQLSTATE 55P03) is retried; RetryBackoff is the first pause (doubled
	// each time, 1s when zero).
	LockRetries  int
	RetryBackoff time.Duration
	// LockWait is how long to wait for another dbcd on the same target.
	LockWait   time.Duration
	OutOfOrder OutOfOrder
	// HistoryTable is history.table ("" means dbcd.migration_history).
	HistoryTable string
	// Waves are cumulative target counts ("1", "25%", "100%"); empty means
	// one wave of all targets. A wave starts only when every target of the
	// earlier waves succeeded.
	Waves []string
	// Parallel is the most targets worked on at once (0 means 1).
	Parallel int
	Shard    Shard
	// Target, when set, selects the target of that name alone.
	Target string
	// DryRun connects and reads history but takes no lock and changes
	// nothing; the result lists what would run.
	DryRun bool
	// Checked, when set, maps a target name to the pending files (path ->
	// checksum) the caller's pre-checks (approvals, rollout roles) covered:
	// a target where anything else is pending when apply holds its lock is
	// refused, so nothing runs unchecked.
	Checked map[string]map[string]string
	// NoSnapshots skips the schema snapshots after applied files (a shadow
	// run, whose database is thrown away).
	NoSnapshots bool
	// GateInResult, with DryRun, puts the after: gating problems in
	// Result.Gate and goes on with the dry run instead of failing: plan
	// shows them next to what is pending.
	GateInResult bool
	Provenance   Provenance
	// Earlier are the stages named in after:; every promoted file (one
	// without a stage in its path) must be done on each of their targets.
	Earlier []StageTargets
	// Progress, when set, receives events; calls are serialised.
	Progress func(Event)
}

// EventKind says what an Event reports.
type EventKind string

// The kinds of events.
const (
	EventWave       EventKind = "wave"        // a wave starts; Message lists its targets
	EventTarget     EventKind = "target"      // work on a target starts
	EventLockWait   EventKind = "lock-wait"   // the target is locked; Message names the holder
	EventFileStart  EventKind = "file-start"  // a file starts
	EventFileDone   EventKind = "file-done"   // a file was applied
	EventFileFailed EventKind = "file-failed" // a file failed; Message is the error
	EventRetry      EventKind = "retry"       // a statement hit lock_timeout and will be retried
	EventWarning    EventKind = "warning"     // out-of-order and similar warnings
	EventTargetDone EventKind = "target-done" // work on a target ended; Message is its status
)

// Event is a progress report.
type Event struct {
	Kind    EventKind
	Target  string
	File    string
	Message string
}
