package apply

import (
	"errors"
	"fmt"
	"time"

	"github.com/dbcd/dbcd/internal/source"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// unit is a file ready to run: its statements and how they run.
type unit struct {
	file  *source.File
	stmts []sqlparse.Statement
	// noTx: run statement by statement with autocommit, progress recorded.
	noTx bool
	// lockTimeout and statementTimeout are the values in effect, the
	// file's directives winning over Options.
	lockTimeout, statementTimeout time.Duration
}

// db returns the logical database of u on target t.
func (u *unit) db(t Target) string {
	if u.file.DB != "" {
		return u.file.DB
	}
	return t.DB
}

// prepare parses every file and decides how it runs, before anything runs.
// It returns every problem found, each a *FileError matching ErrBadFile.
func prepare(files []*source.File, opts *Options) ([]*unit, error) {
	var units []*unit
	var errs []error
	for _, f := range files {
		u, err := prepareFile(f, opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		units = append(units, u)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return units, nil
}

func prepareFile(f *source.File, opts *Options) (*unit, error) {
	bad := func(line, col int, err error) error {
		return &FileError{Path: f.Path, Line: line, Column: col, Err: fmt.Errorf("%w: %w", ErrBadFile, err)}
	}
	parsed, err := sqlparse.Parse(f.Path, f.Content)
	if err != nil {
		var es sqlparse.Errors
		if errors.As(err, &es) && len(es) > 0 {
			return nil, bad(es[0].Line, es[0].Column, errors.New(es[0].Msg))
		}
		return nil, bad(0, 0, err)
	}
	if len(parsed.Statements) == 0 {
		return nil, bad(0, 0, errors.New("file has no SQL statements"))
	}
	u := &unit{file: f, stmts: parsed.Statements, lockTimeout: opts.LockTimeout, statementTimeout: opts.StatementTimeout}
	if d := f.Settings.LockTimeout; d != nil {
		u.lockTimeout = *d
	}
	if d := f.Settings.StatementTimeout; d != nil {
		u.statementTimeout = *d
	}
	var noTx, txControl *sqlparse.Statement
	for i := range parsed.Statements {
		st := &parsed.Statements[i]
		if st.NoTransaction && noTx == nil {
			noTx = st
		}
		if st.Class == sqlparse.TxControl && txControl == nil {
			txControl = st
		}
	}
	switch {
	case f.Settings.NoTransaction || txControl != nil:
		u.noTx = true
	case noTx != nil && len(parsed.Statements) == countNoTx(parsed.Statements):
		u.noTx = true
	case noTx != nil:
		return nil, bad(noTx.Line, noTx.Column, fmt.Errorf(
			"%s cannot run inside a transaction block, but the file's other statements would run in one; "+
				"move it to a file of its own, or add -- dbcd:no-transaction to run the whole file statement by statement", noTx.Kind))
	}
	return u, nil
}

func countNoTx(stmts []sqlparse.Statement) int {
	n := 0
	for i := range stmts {
		if stmts[i].NoTransaction {
			n++
		}
	}
	return n
}
