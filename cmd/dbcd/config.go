package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/report"
	"github.com/dbcd/dbcd/internal/source"
)

func newConfigCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Inspect and validate dbcd.yaml",
		Args:  noArgs,
	}
	cmd.AddCommand(newConfigCheckCmd(g, nil))
	return cmd
}

type configCheckOptions struct {
	g *globalOptions
}

func newConfigCheckCmd(g *globalOptions, runF func(context.Context, *configCheckOptions) error) *cobra.Command {
	opts := &configCheckOptions{g: g}
	return &cobra.Command{
		Use:   "check",
		Short: "Validate dbcd.yaml and the migration tree",
		Long: `Load and validate dbcd.yaml and every migration file under migrations.dir, then
print the resolved stages, their targets (passwords masked), the review policies
and the migration files each stage will receive.

Every problem is reported at once, with its key path and line (configuration)
or its file (migrations). Exit code 2 when there is any problem.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runConfigCheck(cmd.Context(), opts)
		},
	}
}

// loadConfig loads dbcd.yaml and registers its secrets for redaction.
func (g *globalOptions) loadConfig() (*config.Config, error) {
	cfg, err := config.Load(config.Options{Path: g.config, Getenv: g.getenv})
	if cfg != nil {
		for _, s := range cfg.Stages {
			for _, t := range s.Targets {
				g.addSecrets(dbconn.Passwords(t.URL)...)
			}
		}
	}
	return cfg, err
}

// loadTree discovers the migration files the configuration describes.
func loadTree(ctx context.Context, cfg *config.Config) (*source.Tree, error) {
	stages := make([]source.Stage, len(cfg.Stages))
	for i := range cfg.Stages {
		stages[i] = source.Stage{Name: cfg.Stages[i].Name, Databases: cfg.Stages[i].Databases()}
	}
	return source.Load(ctx, source.Options{
		Root:     cfg.Root,
		Dir:      cfg.Migrations.Dir,
		Template: cfg.Migrations.Template,
		Stages:   stages,
	})
}

func runConfigCheck(ctx context.Context, opts *configCheckOptions) error {
	g := opts.g
	format, err := report.ParseFormat(g.format, report.FormatText, report.FormatJSON)
	if err != nil {
		return &usageError{err}
	}
	cfg, err := g.loadConfig()
	var findings []diag.Finding
	var cerr *config.Error
	switch {
	case errors.As(err, &cerr):
		findings = append(findings, cerr.Findings()...)
	case err != nil:
		return err
	}
	var tree *source.Tree
	if cfg != nil && !hasKeyProblem(cerr, "migrations.") {
		tree, err = loadTree(ctx, cfg)
		var ps source.Problems
		switch {
		case errors.As(err, &ps):
			findings = append(findings, sourceFindings(ps, displayPath(g.config))...)
		case err != nil:
			return err
		}
	}
	if len(findings) > 0 {
		r := report.Findings{Title: "config check", Files: examined(displayPath(g.config), tree, findings), Findings: findings}
		if err := renderTo(g, format, func(w io.Writer, f report.Format) error {
			return report.Render(w, f, r, report.Options{Color: g.io.ColorEnabled() && w == g.io.Out})
		}); err != nil {
			return err
		}
		return &reportedError{code: exitInput, msg: fmt.Sprintf("%d problem(s)", len(findings))}
	}
	view := configView(cfg, tree)
	return renderTo(g, format, func(w io.Writer, f report.Format) error {
		if f == report.FormatJSON {
			return report.ConfigJSON(w, view)
		}
		return report.ConfigText(w, view, g.io.ColorEnabled() && w == g.io.Out)
	})
}

// examined lists the configuration file and every migration file looked at.
func examined(cfgFile string, tree *source.Tree, fs []diag.Finding) []string {
	seen := map[string]bool{cfgFile: true}
	files := []string{cfgFile}
	add := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	if tree != nil {
		for _, f := range tree.Files {
			add(f.Path)
		}
	}
	for _, f := range fs {
		add(f.File)
	}
	return files
}

func hasKeyProblem(e *config.Error, prefix string) bool {
	if e == nil {
		return false
	}
	for _, p := range e.Problems {
		if strings.HasPrefix(p.Key, prefix) {
			return true
		}
	}
	return false
}

// sourceFindings converts migration tree problems into findings; a problem
// with no file (migrations.dir itself) is reported against the configuration.
func sourceFindings(ps source.Problems, cfgFile string) []diag.Finding {
	fs := make([]diag.Finding, len(ps))
	for i, p := range ps {
		fs[i] = diag.Finding{Rule: "migration.invalid-file", Severity: diag.Error, Category: "migration",
			File: p.Path, Line: p.Line, Column: p.Column, Message: p.Message}
		if p.Path == "" {
			fs[i].File = cfgFile
			if !strings.HasPrefix(p.Message, "migrations.dir") {
				fs[i].Message = "migrations.dir: " + p.Message
			}
		}
	}
	return fs
}

func displayPath(p string) string {
	if p == "" {
		return config.FileName
	}
	return filepath.ToSlash(p)
}

func configView(cfg *config.Config, tree *source.Tree) report.ConfigView {
	v := report.ConfigView{
		File:       displayPath(relTo(cfg.Path)),
		Migrations: cfg.Migrations.Dir,
		Template:   cfg.Migrations.Template,
		History:    cfg.History.Table,
		Files:      len(tree.Files),
	}
	for _, s := range cfg.Stages {
		sv := report.StageView{Name: s.Name, After: s.After, Policy: s.PolicyName(), Rollout: rolloutText(s.Rollout)}
		for _, t := range s.Targets {
			sv.Targets = append(sv.Targets, report.TargetView{Name: t.Name, DB: t.DB, URL: dbconn.RedactURL(t.URL)})
		}
		for _, f := range tree.ForStage(s.Name) {
			sv.Files = append(sv.Files, report.FileView{Path: f.Path, DB: f.DB, Version: f.Version.String(), Type: string(f.Type)})
		}
		v.Stages = append(v.Stages, sv)
	}
	policies := cfg.Review.Policies
	names := make([]string, 0, len(policies)+1)
	for n := range policies {
		names = append(names, n)
	}
	if _, ok := policies[config.DefaultPolicy]; !ok {
		names = append(names, config.DefaultPolicy)
	}
	sort.Strings(names)
	for _, n := range names {
		p, ok := policies[n]
		pv := report.PolicyView{Name: n, Extends: p.Extends, Gate: p.Gate, Overrides: len(p.Rules)}
		if !ok || pv.Extends == "" {
			pv.Extends = "recommended"
		}
		if pv.Gate == "" {
			pv.Gate = cfg.Review.Gate
		}
		v.Policies = append(v.Policies, pv)
	}
	for _, r := range sortedNames(cfg.Roles) {
		v.Roles = append(v.Roles, report.RoleView{Name: r, Members: len(cfg.Roles[r])})
	}
	for _, r := range cfg.Risk {
		v.Risk = append(v.Risk, fmt.Sprintf("%s when %s", r.Level, r.When))
	}
	for _, lvl := range sortedNames(cfg.Approval) {
		v.Approval = append(v.Approval, fmt.Sprintf("%s risk: %s", lvl, strings.Join(cfg.Approval[lvl], " -> ")))
	}
	return v
}

func rolloutText(r config.Rollout) string {
	s := "automatic"
	if r.Manual {
		s = "manual"
		if len(r.Roles) > 0 {
			s += " by " + strings.Join(r.Roles, ", ")
		}
	}
	if len(r.Waves) > 0 {
		s += ", waves " + strings.Join(r.Waves, ", ")
	}
	return s
}

func sortedNames(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func relTo(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
