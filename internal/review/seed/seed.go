// Package seed loads the schema a review starts from (--schema): a schema
// dump file such as a LATEST file, or a live database.
package seed

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/review/model"
)

// IsURL reports whether spec names a database rather than a file.
func IsURL(spec string) bool {
	return strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://")
}

// Load reads the schema from a dump file, or, for a postgres:// URL, from the
// live database's catalog (pgschema's dump, which the review model replays).
func Load(ctx context.Context, spec string) (*model.Schema, error) {
	if !IsURL(spec) {
		data, err := os.ReadFile(spec)
		if err != nil {
			return nil, err
		}
		return model.LoadSQL(spec, data)
	}
	conn, err := dbconn.Connect(ctx, spec, dbconn.ConnectOptions{AppName: "dbcd review --schema", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	s, err := pgschema.Inspect(ctx, conn, pgschema.Options{})
	if err != nil {
		return nil, fmt.Errorf("reading the live schema: %w", err)
	}
	return model.LoadSQL("live schema", s.Dump())
}
