package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/buildinfo"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

type versionOptions struct {
	g *globalOptions
}

func newVersionCmd(g *globalOptions, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{g: g}
	return &cobra.Command{
		Use:   "version",
		Short: "Print dbcd's version, commit, Go version and SQL grammar",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runVersion(opts)
		},
	}
}

func runVersion(opts *versionOptions) error {
	info := buildinfo.Get()
	grammar := sqlparse.Version()
	out := opts.g.io.Out
	switch opts.g.format {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			buildinfo.Info
			Grammar string `json:"grammar"`
		}{info, grammar})
	case "text", "":
		fmt.Fprintf(out, "dbcd %s\ncommit:   %s\ngo:       %s %s\ngrammar:  %s\n",
			info.Version, info.Commit, info.GoVersion, info.Platform, grammar)
		return nil
	}
	return &usageError{fmt.Errorf("unknown format %q (version supports: text, json)", opts.g.format)}
}

// noArgs rejects positional arguments with a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])}
	}
	return nil
}
