package drift

import (
	"context"
	"errors"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
)

// ErrNothingApplied is returned by Accept for a target dbcd never applied
// to: there is no history row to attach the new expected schema to.
var ErrNothingApplied = errors.New("no applied migration to attach the schema to")

// Accept records a target's live schema as the schema dbcd expects there,
// after a deliberate change made outside dbcd, and returns its SHA-256. It
// is recorded on the newest done history row with who accepted it and why
// (history.Accept); the row's own snapshot, the schema right after its
// migration, stays as it was.
func Accept(ctx context.Context, url, historyTable, by, reason string) (string, error) {
	table, err := history.ParseTable(historyTable)
	if err != nil {
		return "", err
	}
	conn, err := dbconn.Connect(ctx, url, dbconn.ConnectOptions{AppName: "dbcd drift --accept", CheckInterval: -1})
	if err != nil {
		return "", err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	rows, err := history.Rows(ctx, conn, table)
	if err != nil {
		return "", err
	}
	var last int64
	for _, r := range rows {
		if r.Status == history.StatusDone && r.ID > last {
			last = r.ID
		}
	}
	if last == 0 {
		return "", ErrNothingApplied
	}
	live, err := pgschema.Inspect(ctx, conn, pgschema.Options{ExcludeSchemas: []string{table.Schema}})
	if err != nil {
		return "", err
	}
	model, err := live.MarshalModel()
	if err != nil {
		model = nil // the snapshot works without: drift loads its SQL
	}
	return history.Accept(ctx, conn, table, last, string(live.Dump()), model, by, reason)
}
