// Package history keeps dbcd's record of migrations on each target
// database: the history table (created and upgraded in place by Ensure),
// its rows (Row, Rows), the writes apply makes while running files, resolve,
// and the table of schema snapshots, stored once per distinct content:
// the schema right after each migration (PutSnapshot, LinkSnapshot), and
// the schema accepted after a deliberate out-of-band change (Accept).
// Changes finds the snapshots before and after a migration.
package history

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultTable is the history table used when the configuration names none.
const DefaultTable = "dbcd.migration_history"

// Table is a history table's schema-qualified name.
type Table struct {
	Schema, Name string
}

// ParseTable reads a table name as written in dbcd.yaml: "schema.table" or
// "table" (in schema public). Like PostgreSQL, it folds unquoted parts to
// lower case and keeps double-quoted parts ("My.Schema"."T") as written.
func ParseTable(s string) (Table, error) {
	if strings.TrimSpace(s) == "" {
		s = DefaultTable
	}
	parts, err := splitName(strings.TrimSpace(s))
	if err != nil {
		return Table{}, fmt.Errorf("history table %q: %w", s, err)
	}
	switch len(parts) {
	case 1:
		return Table{Schema: "public", Name: parts[0]}, nil
	case 2:
		return Table{Schema: parts[0], Name: parts[1]}, nil
	}
	return Table{}, fmt.Errorf("history table %q: use schema.table", s)
}

// splitName splits a possibly quoted, dotted SQL name into its parts.
func splitName(s string) ([]string, error) {
	var parts []string
	for {
		var part string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(s); i++ {
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						b.WriteByte('"')
						i++
						continue
					}
					break
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated quoted identifier")
			}
			part, s = b.String(), s[i+1:]
		} else {
			i := strings.IndexByte(s, '.')
			if i < 0 {
				i = len(s)
			}
			part, s = strings.ToLower(s[:i]), s[i:]
			if strings.ContainsAny(part, `" `) {
				return nil, fmt.Errorf("identifier %q needs double quotes", part)
			}
		}
		if part == "" {
			return nil, fmt.Errorf("empty identifier")
		}
		if len(part) > 63 {
			return nil, fmt.Errorf("identifier %q is longer than 63 bytes", part)
		}
		parts = append(parts, part)
		if s == "" {
			return parts, nil
		}
		if s[0] != '.' {
			return nil, fmt.Errorf("unexpected %q", s)
		}
		s = s[1:]
	}
}

// String returns the name as it is written in SQL.
func (t Table) String() string { return t.Quoted() }

// Quoted returns the quoted, schema-qualified name for SQL.
func (t Table) Quoted() string { return pgx.Identifier{t.Schema, t.Name}.Sanitize() }

// Snapshots returns the quoted name of the table of schema snapshots that
// goes with t.
func (t Table) Snapshots() string { return t.SnapshotTable().Quoted() }

// SnapshotTable returns the table of schema snapshots that goes with t.
func (t Table) SnapshotTable() Table {
	return Table{Schema: t.Schema, Name: truncate(t.Name + "_snapshot")}
}

// sibling returns the quoted name of an index or constraint of t.
func (t Table) sibling(suffix string) string {
	return pgx.Identifier{truncate(t.Name + "_" + suffix)}.Sanitize()
}

func truncate(s string) string {
	if len(s) > 63 {
		return s[:63]
	}
	return s
}

// Querier runs SQL: a *pgx.Conn or a pgx.Tx.
type Querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}
