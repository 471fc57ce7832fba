package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/gitrepo"
	"github.com/dbcd/dbcd/internal/report"
	"github.com/dbcd/dbcd/internal/review"
	reviewlive "github.com/dbcd/dbcd/internal/review/live"
	"github.com/dbcd/dbcd/internal/review/rules"
	"github.com/dbcd/dbcd/internal/review/seed"
	"github.com/dbcd/dbcd/internal/source"
)

type reviewOptions struct {
	g          *globalOptions
	files      []string
	changed    bool
	staged     bool
	all        bool
	base       string
	stage      string
	policy     string
	runner     string
	pgVersion  int
	schema     string
	noInsights bool
}

func newReviewCmd(g *globalOptions, runF func(context.Context, *reviewOptions) error) *cobra.Command {
	opts := &reviewOptions{g: g}
	cmd := &cobra.Command{
		Use:   "review [FILE...]",
		Short: "Lint migration files against the SQL review policy of every stage they reach",
		Long: `Review migration files with the PostgreSQL parser: what locks production, loses
data or breaks deployed code. Each file is reviewed knowing the schema left by the
earlier migrations of its database, under the policy of every stage it reaches
(the highest level wins); the stage's gate decides what fails.

Files: the arguments; or --changed against --base (default in a Bitbucket pull
request pipeline: origin/$BITBUCKET_PR_DESTINATION_BRANCH); or --staged, the
migration files staged for the next commit (for a git pre-commit hook); or
--all, every file under migrations.dir. With none of these, in CI (CI or
BITBUCKET_BUILD_NUMBER set) every file is reviewed; on a developer machine,
inside a git work tree with uncommitted migration files (staged, modified or
untracked), only those are, and a note on stderr says so.

Suppress a finding with "-- dbcd:ignore RULE : reason" above the statement, or
"-- dbcd:ignore-file RULE" before the first one.

Exit codes: 0 clean, 1 findings at or above the gate, 2 bad input (configuration,
file names), 3 could not run.`,
		Example: `  dbcd review
  dbcd review --all
  dbcd review bytebase/prod/employee##202311012500##ddl##add_nickname.sql
  dbcd review --changed --base origin/main --output junit=test-results/dbcd.xml
  dbcd review --policy all --runner psql --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runReview(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.changed, "changed", false, "review only files changed against --base")
	f.BoolVar(&opts.staged, "staged", false, "review only the migration files staged in the git index")
	f.BoolVar(&opts.all, "all", false, "review every file under migrations.dir, even on a developer machine with uncommitted files")
	f.StringVar(&opts.base, "base", "", "base revision for --changed (default origin/$BITBUCKET_PR_DESTINATION_BRANCH in a PR pipeline)")
	f.StringVar(&opts.stage, "stage", "", "review every file under this stage's policy")
	f.StringVar(&opts.policy, "policy", "", "review every file under this policy (a dbcd.yaml policy or a preset: recommended, all, bytebase-prod, bytebase-dev, bytebase-sample)")
	f.StringVar(&opts.runner, "runner", "dbcd", "how the files will run: dbcd (dbcd apply) or psql (psql -f, other tools)")
	f.IntVar(&opts.pgVersion, "pg-version", 15, "PostgreSQL major version of the targets")
	f.StringVar(&opts.schema, "schema", "", "schema before the first migration: a LATEST .sql file or a postgres:// URL (read from its catalog)")
	f.BoolVar(&opts.noInsights, "no-insights", false, "do not publish a Code Insights report in Bitbucket Pipelines")
	return cmd
}

func runReview(ctx context.Context, opts *reviewOptions) error {
	g := opts.g
	if opts.stage != "" && opts.policy != "" {
		return &usageError{errors.New("--stage and --policy both choose the policy: give one")}
	}
	if err := checkFileSelection(opts); err != nil {
		return err
	}
	runner := review.Runner(opts.runner)
	if runner != review.RunnerDBCD && runner != review.RunnerPsql {
		return &usageError{fmt.Errorf("--runner %q: use dbcd or psql", opts.runner)}
	}
	format, err := report.ParseFormat(g.format, report.FormatText, report.FormatJSON, report.FormatJUnit, report.FormatSARIF)
	if err != nil {
		return &usageError{err}
	}
	cfg, err := g.loadConfigForReview()
	if err != nil {
		return err
	}
	cat, err := rules.Catalog()
	if err != nil {
		return err
	}
	sel, err := selection(cat, cfg, opts)
	if err != nil {
		return err
	}
	live := false
	if opts.schema != "" {
		opts.g.addSecrets(dbconn.Passwords(opts.schema)...)
		sel.Seed, err = seed.Load(ctx, opts.schema)
		switch {
		case err != nil && seed.IsURL(opts.schema):
			return fmt.Errorf("--schema: %w", err)
		case err != nil:
			return &usageError{fmt.Errorf("--schema: %w", err)}
		}
		live = seed.IsURL(opts.schema)
	}
	var facts review.Facts
	if live {
		// The live rules (row estimates, dry runs, owners, indexes) ask the
		// same database; nothing reviewed is executed there.
		lf, err := reviewlive.Open(ctx, opts.schema)
		if err != nil {
			return fmt.Errorf("--schema: %w", err)
		}
		defer func() { _ = lf.Close(context.Background()) }()
		facts = lf
	}
	tree, err := loadTree(ctx, cfg)
	var probs source.Problems
	if err != nil && !errors.As(err, &probs) {
		return err
	}
	var extra []diag.Finding
	sel.Files, extra, err = selectFiles(ctx, cfg, tree, probs, opts)
	if err != nil {
		return err
	}
	ropts := review.Options{Runner: runner, PGVersion: opts.pgVersion, Live: live, Facts: facts}
	if streamReview(g, format, opts, tree, sel, extra) {
		return runReviewStreamed(ctx, g, cat, tree, sel, ropts)
	}
	res, err := cat.ReviewTree(ctx, tree, sel, ropts)
	if err != nil {
		return err
	}
	findings := append(res.Findings, extra...)
	failing := append(res.Failing, make([]bool, len(extra))...)
	for i := range extra {
		failing[len(res.Findings)+i] = true
	}
	r := report.Findings{Title: "review", Files: append(res.Files, problemFiles(extra, res.Files)...), Findings: findings}
	ro := report.Options{Color: g.io.ColorEnabled(), FailAt: gateOf(sel), Tool: toolInfo(cat)}
	if err := renderTo(g, format, func(w io.Writer, f report.Format) error {
		ro.Color = g.io.ColorEnabled() && w == g.io.Out
		return report.Render(w, f, r, ro)
	}); err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(g.io.ErrOut, "note: %s\n", n)
	}
	if !opts.noInsights {
		publishInsights(ctx, g, "dbcd-review", "dbcd review", r, ro.FailAt)
	}
	switch {
	case len(extra) > 0:
		return &reportedError{code: exitInput, msg: "migration files with bad names or content"}
	case anyTrue(failing):
		return &reportedError{code: exitFailed, msg: "review found problems at or above the gate"}
	}
	return nil
}

// loadConfigForReview loads dbcd.yaml; unset ${VAR}s are tolerated since
// review needs no database (the URLs are what pull request pipelines lack).
func (g *globalOptions) loadConfigForReview() (*config.Config, error) {
	cfg, err := g.loadConfig()
	var cerr *config.Error
	if errors.As(err, &cerr) {
		var rest []config.Problem
		for _, p := range cerr.Problems {
			if p.Code != "unset-variable" {
				rest = append(rest, p)
			}
		}
		if len(rest) == 0 {
			return cfg, nil
		}
		cerr.Problems = rest
		return nil, cerr
	}
	return cfg, err
}

// selection resolves the policies files are reviewed under.
func selection(cat *review.Catalog, cfg *config.Config, opts *reviewOptions) (review.Selection, error) {
	specs := policySpecs(cfg)
	sel := review.Selection{StagePolicy: map[string]*review.Policy{}, StageDBs: map[string][]string{}}
	for _, st := range cfg.Stages {
		sel.Stages = append(sel.Stages, st.Name)
		sel.StageDBs[st.Name] = st.Databases()
		p, err := cat.Resolve(st.PolicyName(), specs, cfg.Review.Gate)
		if err != nil {
			return sel, &usageError{fmt.Errorf("%s: stage %s: %w", displayPath(opts.g.config), st.Name, err)}
		}
		sel.StagePolicy[st.Name] = p
	}
	switch {
	case opts.policy != "":
		p, err := cat.Resolve(opts.policy, specs, cfg.Review.Gate)
		if err != nil {
			return sel, &usageError{fmt.Errorf("--policy: %w", err)}
		}
		sel.Force = p
	case opts.stage != "":
		p, ok := sel.StagePolicy[opts.stage]
		if !ok {
			return sel, &usageError{fmt.Errorf("--stage %q: unknown stage (stages: %s)", opts.stage, strings.Join(sel.Stages, ", "))}
		}
		sel.Force = p
	}
	return sel, nil
}

func policySpecs(cfg *config.Config) map[string]review.PolicySpec {
	specs := map[string]review.PolicySpec{}
	for name, p := range cfg.Review.Policies {
		rs := map[string]review.RuleSpec{}
		for id, r := range p.Rules {
			rs[id] = review.RuleSpec{Level: r.Level, Options: r.Options}
		}
		specs[name] = review.PolicySpec{Extends: p.Extends, Gate: p.Gate, Rules: rs}
	}
	if _, ok := specs[config.DefaultPolicy]; !ok {
		specs[config.DefaultPolicy] = review.PolicySpec{Extends: "recommended"}
	}
	return specs
}

// selectFiles decides which files to review and reports the tree's problems
// for them (bad names, bad content) as findings.
func selectFiles(ctx context.Context, cfg *config.Config, tree *source.Tree, probs source.Problems, opts *reviewOptions) (map[string]bool, []diag.Finding, error) {
	var want map[string]bool
	switch {
	case len(opts.files) > 0:
		want = map[string]bool{}
		for _, f := range opts.files {
			rel, err := repoRelative(cfg.Root, f)
			if err != nil {
				return nil, nil, &usageError{err}
			}
			if _, err := os.Stat(f); err != nil {
				return nil, nil, &usageError{fmt.Errorf("%s: %w", f, err)}
			}
			want[rel] = true
		}
	case opts.changed:
		base := opts.base
		if base == "" {
			if b := opts.g.getenv("BITBUCKET_PR_DESTINATION_BRANCH"); b != "" {
				base = "origin/" + b
			} else {
				return nil, nil, &usageError{errors.New("--changed needs --base REV outside a Bitbucket pull request pipeline")}
			}
		}
		root, files, err := gitrepo.Changed(ctx, cfg.Root, base)
		if err != nil {
			return nil, nil, err
		}
		want = map[string]bool{}
		for _, f := range configRelative(cfg.Root, root, files) {
			want[f] = true
		}
	case opts.staged:
		var err error
		if want, err = stagedFiles(ctx, cfg, tree, probs, opts); err != nil {
			return nil, nil, err
		}
	case !opts.all && !inCI(opts.g.getenv):
		want = uncommittedFiles(ctx, cfg, tree, probs, opts)
	}
	var extra []diag.Finding
	for _, f := range sourceFindings(probs, displayPath(opts.g.config)) {
		if want == nil || want[f.File] || f.File == displayPath(opts.g.config) {
			extra = append(extra, f)
		}
	}
	if want != nil {
		dir := filepath.ToSlash(filepath.Clean(cfg.Migrations.Dir)) + "/"
		inTree := map[string]bool{}
		for _, f := range tree.Files {
			inTree[f.Path] = true
		}
		for p := range want {
			if !inTree[p] && !strings.HasPrefix(p, dir) && strings.HasSuffix(p, ".sql") && len(opts.files) > 0 {
				fmt.Fprintf(opts.g.io.ErrOut, "note: %s is not under migrations.dir (%s): not reviewed\n", p, cfg.Migrations.Dir)
			}
		}
	}
	return want, extra, nil
}

// repoRelative turns a path given on the command line into a slash path
// relative to the repository root.
func repoRelative(root, p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is outside the repository (%s)", p, root)
	}
	return filepath.ToSlash(rel), nil
}

func problemFiles(fs []diag.Finding, have []string) []string {
	seen := map[string]bool{}
	for _, h := range have {
		seen[h] = true
	}
	var out []string
	for _, f := range fs {
		if f.File != "" && !seen[f.File] {
			seen[f.File] = true
			out = append(out, f.File)
		}
	}
	return out
}

func gateOf(sel review.Selection) diag.Severity {
	if sel.Force != nil {
		return sel.Force.Gate
	}
	gate := diag.Error
	for _, p := range sel.StagePolicy {
		if p.Gate < gate {
			gate = p.Gate
		}
	}
	return gate
}

func toolInfo(cat *review.Catalog) report.ToolInfo {
	ti := report.ToolInfo{Name: "dbcd", Rules: map[string]report.RuleInfo{}}
	for _, r := range cat.Rules() {
		ti.Rules[r.ID] = report.RuleInfo{Short: r.Summary}
	}
	return ti
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}
