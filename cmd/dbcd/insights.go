package main

import (
	"context"
	"fmt"

	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/buildinfo"
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/report"
)

// publishInsights sends a Code Insights report for the commit when running
// in Bitbucket Pipelines. A failure to publish is a warning: the findings
// are already in the step's output and test reports.
func publishInsights(ctx context.Context, g *globalOptions, id, title string, r report.Findings, failAt diag.Severity) {
	env := bitbucket.FromEnv(g.getenv)
	if !env.InPipelines() || env.Commit == "" {
		return
	}
	var opts []bitbucket.Option
	if env.APIURL != "" {
		opts = append(opts, bitbucket.WithBaseURL(env.APIURL))
	}
	opts = append(opts, bitbucket.WithUserAgent("dbcd/"+buildinfo.Get().Version))
	client, err := bitbucket.NewInsights(env, opts...)
	if err == nil {
		rep, anns := bitbucket.FindingsToInsights(id, title, len(r.Files), r.Findings, failAt)
		err = client.Publish(ctx, rep, anns)
	}
	if err != nil {
		fmt.Fprintf(g.io.ErrOut, "warning: could not publish the Code Insights report %s: %v\n", id, err)
		return
	}
	if !g.quiet {
		fmt.Fprintf(g.io.ErrOut, "published Code Insights report %s on commit %.12s\n", id, env.Commit)
	}
}
