package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
)

type dumpOptions struct {
	g              *globalOptions
	stage, target  string
	url            string
	owners, grants bool
}

func newDumpCmd(g *globalOptions) *cobra.Command {
	opts := &dumpOptions{g: g}
	cmd := &cobra.Command{
		Use:   "dump (--stage S --target T | --url URL)",
		Short: "Print the deterministic schema dump of a database (the LATEST file format)",
		Long: `Read the database's catalog and print SQL that recreates its schema, in
dependency order, byte-for-byte the same for the same schema whatever the order
objects were created in. dbcd's history schema is left out; objects dbcd cannot
model are named in the header. No pg_dump is needed.`,
		Example: "  dbcd dump --stage prod --target employee\n  dbcd dump --url \"$DATABASE_URL\" --owners --grants",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDump(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.stage, "stage", "", "the stage of the target")
	f.StringVar(&opts.target, "target", "", "the target to dump (default: the stage's only target)")
	f.StringVar(&opts.url, "url", "", "dump this database instead of a configured target")
	f.BoolVar(&opts.owners, "owners", false, "include owners")
	f.BoolVar(&opts.grants, "grants", false, "include grants")
	return cmd
}

func runDump(ctx context.Context, opts *dumpOptions) error {
	g := opts.g
	if g.format != "text" {
		return &usageError{fmt.Errorf("unknown format %q (dump prints SQL: drop --format)", g.format)}
	}
	url, historySchema := opts.url, pgschema.DefaultHistorySchema
	switch {
	case opts.url != "" && opts.stage != "":
		return &usageError{errors.New("give --url or --stage, not both")}
	case opts.url != "":
		g.addSecrets(dbconn.Passwords(url)...)
	case opts.stage == "":
		return &usageError{errors.New("give --stage S [--target T] or --url URL")}
	default:
		cfg, err := g.loadConfigForStage(opts.stage)
		if err != nil {
			return err
		}
		stage, _ := cfg.Stage(opts.stage)
		if opts.target == "" && len(stage.Targets) == 1 {
			opts.target = stage.Targets[0].Name
		}
		for _, t := range stage.Targets {
			if t.Name == opts.target {
				url = t.URL
			}
		}
		if url == "" {
			return &usageError{fmt.Errorf("--target %q: stage %s has targets %s", opts.target, stage.Name, strings.Join(targetNames(stage), ", "))}
		}
		if tbl, err := history.ParseTable(cfg.History.Table); err == nil {
			historySchema = tbl.Schema
		}
	}
	conn, err := dbconn.Connect(ctx, url, dbconn.ConnectOptions{AppName: "dbcd dump", CheckInterval: -1})
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	s, err := pgschema.Inspect(ctx, conn, pgschema.Options{
		ExcludeSchemas: []string{historySchema}, IncludeOwners: opts.owners, IncludeGrants: opts.grants,
	})
	if err != nil {
		return err
	}
	if _, err := g.io.Out.Write(s.Dump()); err != nil {
		return err
	}
	for _, u := range s.Unsupported {
		fmt.Fprintf(g.io.ErrOut, "note: not dumped (dbcd cannot model it yet): %s\n", u)
	}
	return nil
}
