package dbconn

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrorPosition maps the position of a server error to a line and column
// of the migration file. text is the statement exactly as sent, starting at
// line and column of the file; pos is PgError.Position, the 1-based
// character offset into text. Columns count characters, like the SQL
// parser's. It returns line and column unchanged when pos is 0 or out of
// range.
func ErrorPosition(text string, line, column int, pos int32) (int, int) {
	if pos <= 0 {
		return line, column
	}
	l, c := line, column
	n := int32(1)
	for _, r := range text {
		if n == pos {
			return l, c
		}
		n++
		if r == '\n' {
			l, c = l+1, 1
		} else {
			c++
		}
	}
	return line, column
}

// PgError returns the *pgconn.PgError inside err, or nil.
func PgError(err error) *pgconn.PgError {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// DescribePgError formats a server error for people: the message with its
// SQLSTATE, then the detail, hint and context lines the server sent, each
// on a line of its own.
func DescribePgError(pe *pgconn.PgError) string {
	var b strings.Builder
	b.WriteString(pe.Message)
	if pe.Code != "" {
		b.WriteString(" (SQLSTATE " + pe.Code + ")")
	}
	for _, kv := range [][2]string{{"DETAIL", pe.Detail}, {"HINT", pe.Hint}, {"CONTEXT", pe.Where}} {
		if kv[1] != "" {
			b.WriteString("\n" + kv[0] + ": " + kv[1])
		}
	}
	return b.String()
}
