package main

import (
	"errors"
	"fmt"

	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/diag"
)

// Exit codes, the same for every command (README, SPEC §4).
const (
	exitOK      = 0 // clean / done
	exitFailed  = 1 // the command worked and found a reason to stop the pipeline
	exitInput   = 2 // bad usage, configuration or input files
	exitRuntime = 3 // could not run: database unreachable, push refused, API error
)

var exitMeaning = map[int]string{
	exitOK:      "ok",
	exitFailed:  "stopped: problems found",
	exitInput:   "bad usage, configuration or input",
	exitRuntime: "could not run",
}

// usageError marks a command-line usage mistake (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// reportedError is returned by a command that has already shown the user
// what went wrong (for example as rendered findings) and only needs to set the
// exit code.
type reportedError struct {
	code int
	msg  string
}

func (e *reportedError) Error() string { return e.msg }

// exitCode maps an error returned by a command to the process exit code. It
// is the one place where error classes become exit codes.
func exitCode(err error) int {
	var (
		rep  *reportedError
		use  *usageError
		cfg  *config.Error
		inp  *diag.InputError
		miss = config.ErrNotFound
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &rep):
		return rep.code
	case errors.As(err, &use), errors.As(err, &cfg), errors.As(err, &inp), errors.Is(err, miss):
		return exitInput
	}
	return exitRuntime
}

// exitLine is the last line of text output: which exit code and why.
func exitLine(code int) string {
	return fmt.Sprintf("dbcd: exit %d (%s)", code, exitMeaning[code])
}
