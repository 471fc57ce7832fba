package source

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Settings are what a file's "-- dbcd:" directives ask of the runner.
type Settings struct {
	// NoTransaction is set by "-- dbcd:no-transaction".
	NoTransaction bool
	// LockTimeout is set by "-- dbcd:lock-timeout D"; nil when the file
	// sets none, and a zero duration when it turns the timeout off ("0").
	LockTimeout *time.Duration
	// StatementTimeout is set by "-- dbcd:statement-timeout D", like
	// LockTimeout.
	StatementTimeout *time.Duration
	// IgnoreFile lists the rule ids of every "-- dbcd:ignore-file"
	// directive, in file order. Whether they name real rules is for review
	// to check.
	IgnoreFile []string
}

// Directive names understood by source; sqlparse knows the full list.
const (
	dirNoTransaction    = "no-transaction"
	dirIgnoreFile       = "ignore-file"
	dirLockTimeout      = "lock-timeout"
	dirStatementTimeout = "statement-timeout"
)

// maxTimeout is the largest lock_timeout or statement_timeout PostgreSQL
// accepts: INT_MAX milliseconds.
const maxTimeout = math.MaxInt32 * time.Millisecond

// readSettings parses the directives of a file whose text is valid and
// returns its settings and the problems found, without paths. first is the
// line and column of the first statement, or line 0 when there is none.
func readSettings(name string, src []byte, firstLine, firstCol int) (Settings, []Problem) {
	var (
		s     Settings
		probs []Problem
	)
	if !bytes.Contains(src, []byte("dbcd:")) {
		// No directive, well-formed or not, can be there; skip the scan.
		return s, nil
	}
	ds, errs := sqlparse.ParseDirectives(name, src)
	for _, e := range errs {
		probs = append(probs, Problem{Line: e.Line, Column: e.Column, Message: e.Msg})
	}
	seen := map[string]int{}
	for _, d := range ds {
		bad := func(format string, args ...any) {
			probs = append(probs, Problem{Line: d.Line, Column: d.Column, Message: fmt.Sprintf(format, args...)})
		}
		switch d.Name {
		case dirNoTransaction:
			s.NoTransaction = true
		case dirIgnoreFile:
			if firstLine > 0 && (d.Line > firstLine || d.Line == firstLine && d.Column > firstCol) {
				bad("dbcd:ignore-file must come before the first statement (line %d); use dbcd:ignore for one statement", firstLine)
			}
			s.IgnoreFile = append(s.IgnoreFile, d.Args...)
		case dirLockTimeout, dirStatementTimeout:
			if line, dup := seen[d.Name]; dup {
				bad("dbcd:%s is already set on line %d", d.Name, line)
				continue
			}
			seen[d.Name] = d.Line
			if len(d.Args) != 1 {
				bad("dbcd:%s needs one duration, such as 5s or 10min", d.Name)
				continue
			}
			v, err := ParseTimeout(d.Args[0])
			if err != nil {
				bad("dbcd:%s: %v", d.Name, err)
				continue
			}
			if d.Name == dirLockTimeout {
				s.LockTimeout = &v
			} else {
				s.StatementTimeout = &v
			}
		}
	}
	return s, probs
}

// ParseTimeout parses the duration of a lock-timeout or statement-timeout
// directive. It accepts Go duration syntax ("1h30m", "1.5s", "500ms") and
// PostgreSQL's units "min" and "d" ("10min", "1d"), optionally in single
// quotes, and "0", which turns the timeout off. The result must be a whole
// number of milliseconds, not negative, and at most PostgreSQL's maximum of
// 2147483647ms.
func ParseTimeout(s string) (time.Duration, error) {
	in := s
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		s = s[1 : len(s)-1]
	}
	switch {
	case s == "":
		return 0, errors.New("duration is empty")
	case s == "0":
		return 0, nil
	case s[0] == '-':
		return 0, fmt.Errorf("duration %q is negative", in)
	}
	var total time.Duration
	for rest := s; rest != ""; {
		n := strings.IndexFunc(rest, func(r rune) bool { return r != '.' && (r < '0' || r > '9') })
		if n <= 0 {
			return 0, badDuration(in)
		}
		u := strings.IndexFunc(rest[n:], func(r rune) bool { return r == '.' || r >= '0' && r <= '9' })
		if u < 0 {
			u = len(rest) - n
		}
		num, unit := rest[:n], rest[n:n+u]
		rest = rest[n+u:]
		d, err := unitDuration(num, unit)
		if err != nil {
			return 0, badDuration(in)
		}
		if total > math.MaxInt64-d {
			return 0, fmt.Errorf("duration %q is too long", in)
		}
		total += d
	}
	if total%time.Millisecond != 0 {
		return 0, fmt.Errorf("duration %q must be a whole number of milliseconds", in)
	}
	if total > maxTimeout {
		return 0, fmt.Errorf("duration %q exceeds PostgreSQL's maximum of %dms", in, int64(math.MaxInt32))
	}
	return total, nil
}

// unitDuration converts one number and unit, such as "10" and "min".
func unitDuration(num, unit string) (time.Duration, error) {
	switch unit {
	case "min":
		unit = "m"
	case "d":
		// time.ParseDuration has no days; go through hours.
		h, err := time.ParseDuration(num + "h")
		if err != nil {
			return 0, err
		}
		if h > math.MaxInt64/24 {
			return 0, errors.New("overflow")
		}
		return 24 * h, nil
	case "":
		return 0, errors.New("missing unit")
	}
	return time.ParseDuration(num + unit)
}

func badDuration(s string) error {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return fmt.Errorf("duration %q needs a unit, such as %sms or %ss", s, s, s)
	}
	return fmt.Errorf("invalid duration %q (use a number and a unit: ms, s, min, h or d, e.g. 5s or 10min)", s)
}
