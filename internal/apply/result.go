package apply

import (
	"time"
)

// Result is what Run did, target by target, in the order of Options.Targets
// (after filtering and sharding).
type Result struct {
	Stage   string
	DryRun  bool
	Targets []TargetResult
	// Gate lists promoted files not yet done on earlier stages, when
	// Options.GateInResult asked for them here instead of as an error.
	Gate *GateError
}

// TargetStatus summarises a target's outcome.
type TargetStatus string

// The target statuses.
const (
	// TargetApplied: pending files were applied.
	TargetApplied TargetStatus = "applied"
	// TargetUpToDate: nothing was pending.
	TargetUpToDate TargetStatus = "up-to-date"
	// TargetPending: a dry run found files to apply.
	TargetPending TargetStatus = "pending"
	// TargetFailed: see TargetResult.Err.
	TargetFailed TargetStatus = "failed"
	// TargetNotStarted: an earlier wave failed.
	TargetNotStarted TargetStatus = "not-started"
)

// TargetResult is the outcome on one target.
type TargetResult struct {
	Name   string
	DB     string
	Status TargetStatus
	// Applied are the files applied, in order; the last one has Err set
	// when a file failed.
	Applied []FileResult
	// Pending are the files a dry run would apply, or those not reached
	// after a failure.
	Pending []FileResult
	// Skipped are files not applied on purpose (covered by a baseline).
	Skipped  []FileResult
	Warnings []string
	Err      error
	Duration time.Duration
}

// FileResult is the outcome of one file on one target.
type FileResult struct {
	Path          string
	Version       string
	Type          string
	NoTransaction bool
	// Statements is the file's statement count; Applied how many ran.
	Statements int
	Applied    int
	Duration   time.Duration
	// Retries counts lock_timeout retries.
	Retries int
	// Reason says why a file was skipped.
	Reason string
	Err    error
}

// Failed returns the targets that failed.
func (r *Result) Failed() []TargetResult {
	var out []TargetResult
	for _, t := range r.Targets {
		if t.Err != nil {
			out = append(out, t)
		}
	}
	return out
}
