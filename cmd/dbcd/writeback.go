package main

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/source"
	"github.com/dbcd/dbcd/internal/writeback"
)

type writebackOptions struct {
	g        *globalOptions
	stage    string
	push     bool
	noCommit bool
}

func newWritebackCmd(g *globalOptions) *cobra.Command {
	opts := &writebackOptions{g: g}
	cmd := &cobra.Command{
		Use:   "writeback --stage S [--push] [--no-commit]",
		Short: "Write each database's schema to its LATEST file, commit and push it",
		Long: `Dump the schema of every database of the stage (one target per database; when
several targets serve one database each is dumped and a difference is warned
about) to migrations.schema_template under migrations.dir, by default
{{ENV_ID}}/.{{DB_NAME}}##LATEST.sql. A file whose content changed gets one commit,
with writeback.author and writeback.message ({{DB_NAME}}, {{ENV_ID}}, {{VERSION}}:
the highest applied version, {{TARGET}}); nothing changed, nothing committed.

With --push the commits go on the current head of writeback.branch and are
pushed there: inside Bitbucket Pipelines to BITBUCKET_GIT_HTTP_ORIGIN through
the pipeline's local proxy, without credentials; elsewhere to the repository's
origin, as user x-token-auth with BITBUCKET_ACCESS_TOKEN when it is set and
origin is http(s), else with origin's own credentials. When someone pushed
meanwhile, the commits are re-created on the new head and pushed again, up to
3 times; a file the branch lacks is pushed even when nothing changed locally
(say, after a refused push). Never from a pull request's pipeline (its HEAD is
a local merge). A shallow clone (Pipelines clones 50 commits deep) fetches the
branch head one commit deep; when it lacks history the push needs, writeback
refuses and says to set clone: depth: full in bitbucket-pipelines.yml.

Exit codes: 0 done, 2 bad configuration, 3 a database could not be reached or
the push was refused (branch restrictions, hooks, credentials, shallow clone).`,
		Example: "  dbcd writeback --stage prod --push\n  dbcd writeback --stage test --no-commit",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWriteback(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.stage, "stage", "", "the stage whose databases to write back (required)")
	f.BoolVar(&opts.push, "push", false, "push the commits to writeback.branch")
	f.BoolVar(&opts.noCommit, "no-commit", false, "only write the files")
	_ = cmd.MarkFlagRequired("stage")
	return cmd
}

// dumped is the schema of one database of the stage.
type dumped struct {
	db, target, version, path string
	content                   []byte
}

func runWriteback(ctx context.Context, opts *writebackOptions) error {
	g := opts.g
	if opts.push && opts.noCommit {
		return &usageError{errors.New("--push needs commits: drop --no-commit")}
	}
	if pr := g.getenv("BITBUCKET_PR_ID"); opts.push && pr != "" {
		return &usageError{fmt.Errorf("refusing to push from pull request #%s's pipeline: its HEAD is a local merge commit, "+
			"not the branch; run `dbcd writeback --push` in the branch pipeline after the apply step "+
			"(pipelines: branches: %s: in bitbucket-pipelines.yml)", pr, g.getenv("BITBUCKET_PR_DESTINATION_BRANCH"))}
	}
	cfg, err := g.loadConfigForStage(opts.stage)
	if err != nil {
		return err
	}
	stage, _ := cfg.Stage(opts.stage)
	table, err := history.ParseTable(cfg.History.Table)
	if err != nil {
		return &usageError{fmt.Errorf("history.table: %w", err)}
	}
	var dbs []dumped
	for _, db := range stage.Databases() {
		d, err := dumpDatabase(ctx, g, stage, db, table)
		if err != nil {
			return err
		}
		if d.path, err = schemaPath(cfg, stage.Name, db); err != nil {
			return err
		}
		dbs = append(dbs, d)
	}
	wo := writeback.Options{Root: cfg.Root, Author: cfg.Writeback.Author, Commit: !opts.noCommit}
	for _, d := range dbs {
		msg := writeback.Expand(cfg.Writeback.Message, map[string]string{
			"DB_NAME": d.db, "ENV_ID": stage.Name, "VERSION": d.version, "TARGET": d.target,
		})
		wo.Files = append(wo.Files, writeback.FileContent{Path: d.path, Content: d.content, Message: msg})
	}
	if opts.push {
		wo.Push = pushOptions(cfg, g.getenv)
	}
	res, werr := writeback.Write(ctx, wo)
	for i, f := range res.Files {
		state := "unchanged"
		switch {
		case f.Changed:
			state = "committed"
		case f.Written && opts.noCommit:
			state = "written"
		case f.Written:
			state = "written (same as committed)"
		}
		fmt.Fprintf(g.io.Out, "%-20s %-40s %s\n", dbs[i].db, f.Path, state)
	}
	switch {
	case werr != nil:
	case len(res.Pushed) > 0 && res.Rebased:
		fmt.Fprintf(g.io.Out, "pushed %d commit(s) to %s, re-created on its newer head (your local branch keeps the original)\n", len(res.Pushed), wo.Push.Branch)
	case len(res.Pushed) > 0:
		fmt.Fprintf(g.io.Out, "pushed %d commit(s) to %s\n", len(res.Pushed), wo.Push.Branch)
	case res.RemoteHadIt:
		fmt.Fprintf(g.io.Out, "%s already holds this schema: nothing to push\n", wo.Push.Branch)
	case opts.push:
		fmt.Fprintln(g.io.Out, "nothing changed: nothing to push")
	}
	return writebackError(werr)
}

// writebackError adds to a writeback error what to do about it. Every
// push failure exits 3; a bad schema_template exits 2.
func writebackError(err error) error {
	var refused *writeback.RefusedError
	switch {
	case errors.Is(err, writeback.ErrPathEscapes):
		return &usageError{fmt.Errorf("migrations.schema_template: %w", err)}
	case errors.As(err, &refused) && refused.Auth:
		return fmt.Errorf("%w\nhint: the remote wants credentials that may write to branch %s: outside Bitbucket Pipelines set "+
			"BITBUCKET_ACCESS_TOKEN to a repository access token with write permission (sent as user x-token-auth), "+
			"or give the remote its own credentials", err, refused.Branch)
	case errors.As(err, &refused):
		return fmt.Errorf("%w\nhint: branch %s does not accept dbcd's push (a branch restriction or a hook): allow the push "+
			"in the repository's branch restrictions, or set writeback.branch in dbcd.yaml to a branch without "+
			"restrictions and merge it with a pull request", err, refused.Branch)
	}
	return err
}

// dumpDatabase dumps each target of db on the stage and reads the highest
// applied version from the first one's history table; it warns when the
// targets' schemas differ.
func dumpDatabase(ctx context.Context, g *globalOptions, stage *config.Stage, db string, table history.Table) (dumped, error) {
	var first dumped
	for _, t := range stage.Targets {
		if t.DB != db {
			continue
		}
		conn, err := dbconn.Connect(ctx, t.URL, dbconn.ConnectOptions{AppName: dbconn.AppName("writeback", "", stage.Name), CheckInterval: -1})
		if err != nil {
			return first, err
		}
		s, err := pgschema.Inspect(ctx, conn, pgschema.Options{ExcludeSchemas: []string{table.Schema}})
		var rows []history.Row
		if err == nil && first.target == "" {
			rows, err = history.Rows(ctx, conn, table)
		}
		_ = conn.Close(context.Background())
		if err != nil {
			return first, fmt.Errorf("target %s: %w", t.Name, err)
		}
		content := s.Dump()
		if first.target != "" {
			if string(content) != string(first.content) {
				fmt.Fprintf(g.io.ErrOut, "warning: %s: the schema of target %s differs from that of %s; writing %s's\n", db, t.Name, first.target, first.target)
			}
			continue
		}
		first = dumped{db: db, target: t.Name, version: highestVersion(rows, db), content: content}
		for _, u := range s.Unsupported {
			fmt.Fprintf(g.io.ErrOut, "note: %s: not dumped (dbcd cannot model it yet): %s\n", db, u)
		}
	}
	return first, nil
}

// highestVersion is the highest version recorded done for db, or "none".
func highestVersion(rows []history.Row, db string) string {
	var best source.Version
	for _, r := range rows {
		if r.Status != history.StatusDone || (r.DB != "" && r.DB != db) {
			continue
		}
		v, err := source.ParseVersion(r.Version)
		if err == nil && (best.IsZero() || v.Compare(best) > 0) {
			best = v
		}
	}
	if best.IsZero() {
		return "none"
	}
	return best.String()
}

// schemaPath is the LATEST file of db on stage, relative to the configuration
// root; it refuses a path that leaves migrations.dir.
func schemaPath(cfg *config.Config, stage, db string) (string, error) {
	tmpl := cfg.Migrations.SchemaTemplate
	if tmpl == "" {
		tmpl = "{{ENV_ID}}/.{{DB_NAME}}##LATEST.sql"
	}
	rel := writeback.Expand(tmpl, map[string]string{"ENV_ID": stage, "DB_NAME": db})
	if strings.Contains(rel, "\\") || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", &usageError{fmt.Errorf("migrations.schema_template %q gives %q for database %s on %s: it must stay inside migrations.dir", tmpl, rel, db, stage)}
	}
	return path.Join(filepath.ToSlash(cfg.Migrations.Dir), rel), nil
}

// tokenUser is the user name that goes with a Bitbucket access token in git.
const tokenUser = "x-token-auth"

// pushOptions says where writeback pushes: inside Bitbucket Pipelines to the
// repository's HTTP origin through the local authenticating proxy, without
// credentials; elsewhere to origin, with BITBUCKET_ACCESS_TOKEN (user
// x-token-auth) for an http(s) origin when it is set, else with the
// remote's own configuration.
func pushOptions(cfg *config.Config, getenv func(string) string) *writeback.PushOptions {
	po := &writeback.PushOptions{Branch: cfg.Writeback.Branch}
	env := bitbucket.FromEnv(getenv)
	switch {
	case env.InPipelines():
		if env.GitHTTPOrigin != "" {
			po.URL, po.ProxyURL = env.GitHTTPOrigin, env.LocalProxyURL()
		}
	case env.AccessToken != "":
		po.User, po.Password = tokenUser, env.AccessToken.Value()
	}
	return po
}
