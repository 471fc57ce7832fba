package plan

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/apply"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/drift"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/source"
)

// ShadowOptions say where pending files are tried before they run.
type ShadowOptions struct {
	// URL is a server (any database on it) where dbcd may create and drop
	// a scratch database; "" uses the target's own server.
	URL string
}

// Shadow is the outcome of a shadow run on one target: the pending files
// applied to a copy of the target's current schema.
type Shadow struct {
	OK bool `json:"ok"`
	// Error is the failure, with the file, line and column of the
	// statement that failed.
	Error string `json:"error,omitempty"`
	// File, Line and Column locate the failure.
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Changes are the schema changes the pending files cause, object by
	// object.
	Changes []SchemaChange `json:"changes,omitempty"`
}

// SchemaChange is one object a shadow run added, removed or changed.
type SchemaChange struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Op      string `json:"op"`
	Summary string `json:"summary"`
	// Diff is the unified diff of the object's SQL.
	Diff string `json:"diff"`
}

func schemaChanges(d pgschema.Diff) []SchemaChange {
	out := make([]SchemaChange, 0, len(d.Changes))
	for _, c := range d.Changes {
		out = append(out, SchemaChange{Kind: c.Kind, Name: c.Name, Op: c.Op, Summary: c.Summary(), Diff: c.UnifiedDiff()})
	}
	return out
}

// runShadow recreates the target's schema in a scratch database, applies
// the pending files there with dbcd's own runner, and compares the schema
// before and after.
func runShadow(ctx context.Context, o ShadowOptions, ao apply.Options, t apply.Target, pending []apply.FileResult) *Shadow {
	sh, err := shadow(ctx, o, ao, t, pending)
	if err != nil {
		return &Shadow{Error: firstLine(dbconn.RedactSecrets(err.Error(), dbconn.Passwords(t.URL)...))}
	}
	return sh
}

func shadow(ctx context.Context, o ShadowOptions, ao apply.Options, t apply.Target, pending []apply.FileResult) (*Shadow, error) {
	table, err := history.ParseTable(ao.HistoryTable)
	if err != nil {
		return nil, err
	}
	exclude := pgschema.Options{ExcludeSchemas: []string{table.Schema}}
	conn, err := dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{AppName: "dbcd plan --shadow", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	before, err := pgschema.Inspect(ctx, conn, exclude)
	_ = conn.Close(context.Background())
	if err != nil {
		return nil, fmt.Errorf("reading the schema of %s: %w", t.Name, err)
	}
	server := o.URL
	if server == "" {
		server = t.URL
	}
	admin, err := dbconn.Connect(ctx, server, dbconn.ConnectOptions{AppName: "dbcd plan --shadow", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = admin.Close(context.Background()) }()
	var buf [6]byte
	if _, err := rand.Read(buf[:]); err != nil {
		return nil, err
	}
	name := "dbcd_shadow_" + hex.EncodeToString(buf[:])
	quoted := pgx.Identifier{name}.Sanitize()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+quoted+" TEMPLATE template0"); err != nil {
		return nil, fmt.Errorf("creating a shadow database (the role needs CREATEDB): %w", err)
	}
	defer func() { _, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+quoted+" WITH (FORCE)") }()
	url, err := dbconn.URLWithDatabase(server, name)
	if err != nil {
		return nil, err
	}
	sc, err := dbconn.Connect(ctx, url, dbconn.ConnectOptions{AppName: "dbcd plan --shadow", CheckInterval: -1})
	if err != nil {
		return nil, err
	}
	defer func() { _ = sc.Close(context.Background()) }()
	if err := drift.LoadSQL(ctx, sc, string(before.Dump())); err != nil {
		return nil, fmt.Errorf("recreating the schema of %s in the shadow database: %w", t.Name, err)
	}
	want := map[string]bool{}
	for _, p := range pending {
		want[p.Path] = true
	}
	var files []*source.File
	for _, f := range ao.Files {
		if want[f.Path] {
			files = append(files, f)
		}
	}
	so := ao
	so.Targets = []apply.Target{{Stage: t.Stage, Name: t.Name + " (shadow)", DB: t.DB, URL: url}}
	so.Files, so.Earlier, so.Target, so.Shard = files, nil, "", apply.Shard{}
	so.DryRun, so.GateInResult, so.Progress, so.Waves, so.Parallel = false, false, nil, nil, 1
	so.OutOfOrder, so.NoSnapshots = apply.OutOfOrderAllow, true
	res, runErr := apply.Run(ctx, so)
	if runErr != nil {
		sh := &Shadow{Error: runErr.Error()}
		var fe *apply.FileError
		if errors.As(runErr, &fe) {
			sh.File, sh.Line, sh.Column = fe.Path, fe.Line, fe.Column
			sh.Error = fe.Error()
		} else if res != nil {
			for _, tr := range res.Targets {
				if tr.Err != nil {
					sh.Error = tr.Err.Error()
				}
			}
		}
		return sh, nil
	}
	after, err := pgschema.Inspect(ctx, sc, exclude)
	if err != nil {
		return nil, fmt.Errorf("reading the shadow schema: %w", err)
	}
	d := pgschema.Compare(before, after)
	return &Shadow{OK: true, Changes: schemaChanges(d)}, nil
}
