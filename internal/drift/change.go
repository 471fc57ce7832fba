package drift

import (
	"context"
	"fmt"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
)

// ChangeOptions say which applied migration's schema change to compute.
type ChangeOptions struct {
	// URL is the target's; HistoryTable its history table.
	URL, HistoryTable string
	Version           string
	// Shadow, when set, is where snapshots are loaded (see Scratch)
	// instead of scratch databases on the target's server.
	Shadow string

	// loaded, when set, is called whenever a snapshot is loaded into a
	// scratch database.
	loaded func()
}

// MigrationChange is the schema change an applied migration made: where
// the snapshots around it are (history.Change) and the structural diff
// between them, empty when a side is unknown.
type MigrationChange struct {
	history.Change
	Diff pgschema.Diff
}

// Changes computes the schema change of each done row of the version on
// one target (a ddl and a dml file of one version give two), comparing
// the snapshots dbcd recorded before and after it as schema models: the
// model stored with each, or, for a snapshot without a usable one (and the
// empty schema before the first migration), its SQL loaded once into a
// scratch database. A migration whose snapshots are the same needs none. It returns an error wrapping
// history.ErrNotApplied when the version was not applied there.
func Changes(ctx context.Context, o ChangeOptions) ([]MigrationChange, error) {
	table, err := history.ParseTable(o.HistoryTable)
	if err != nil {
		return nil, err
	}
	conn, err := dbconn.Connect(ctx, o.URL, dbconn.ConnectOptions{AppName: "dbcd history --diff", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	rows, err := history.Rows(ctx, conn, table)
	if err != nil {
		return nil, err
	}
	found, err := history.Changes(rows, o.Version)
	if err != nil {
		return nil, err
	}
	e := expectation{conn: conn, table: table, scratch: newScratch(o.URL, o.Shadow),
		opts: pgschema.Options{ExcludeSchemas: []string{table.Schema}}, loaded: o.loaded}
	models := map[string]*pgschema.Schema{}
	model := func(sha string) (*pgschema.Schema, error) {
		if m, ok := models[sha]; ok {
			return m, nil
		}
		m, err := e.model(ctx, sha, "")
		if err != nil {
			return nil, fmt.Errorf("loading schema snapshot %.12s: %w", sha, err)
		}
		models[sha] = m
		return m, nil
	}
	out := make([]MigrationChange, 0, len(found))
	for _, c := range found {
		mc := MigrationChange{Change: c}
		if c.Available() && c.Before != c.After {
			before, err := model(c.Before)
			if err != nil {
				return nil, err
			}
			after, err := model(c.After)
			if err != nil {
				return nil, err
			}
			mc.Diff = pgschema.Compare(before, after)
		}
		out = append(out, mc)
	}
	return out, nil
}
