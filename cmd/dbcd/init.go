package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/config"
)

type initOptions struct {
	g       *globalOptions
	dir     string
	db      string
	stages  []string
	force   bool
	gitHook bool
	print   string
}

func newInitCmd(g *globalOptions, runF func(*initOptions) error) *cobra.Command {
	opts := &initOptions{g: g}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a starter dbcd.yaml and the migration directories",
		Long: `Write a starter dbcd.yaml (refusing to overwrite an existing one unless --force),
create one migration directory per stage, and print the bitbucket-pipelines.yml
steps and the pre-commit framework entry that run dbcd.

The starter reads each target's URL from an environment variable such as
${PROD_APP_URL}: define it as a secured variable in Bitbucket.

--git-hook only installs a plain git pre-commit hook (no pre-commit framework
needed) that runs "dbcd review --staged": the migration files staged for the
commit are reviewed, and findings at the gate stop the commit. It refuses to
replace a hook it did not write unless --force. --print SNIPPET prints one
snippet (pipeline, pre-commit or git-hook) and writes nothing.`,
		Example: `  dbcd init
  dbcd init --db employee --stages test,prod --dir bytebase
  dbcd init --git-hook
  dbcd init --print pre-commit >> .pre-commit-config.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts)
		},
	}
	cmd.Flags().StringVar(&opts.dir, "dir", "bytebase", "migrations directory")
	cmd.Flags().StringVar(&opts.db, "db", "app", "name of the logical database")
	cmd.Flags().StringSliceVar(&opts.stages, "stages", []string{"test", "prod"}, "stages in rollout order")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite an existing configuration file (with --git-hook: an existing hook)")
	cmd.Flags().BoolVar(&opts.gitHook, "git-hook", false, "only install a git pre-commit hook that runs `dbcd review --staged`")
	cmd.Flags().StringVar(&opts.print, "print", "", "only print a snippet: pipeline, pre-commit or git-hook")
	return cmd
}

var initName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func runInit(opts *initOptions) error {
	path := opts.g.config
	if path == "" {
		path = config.FileName
	}
	for _, s := range append([]string{opts.db}, opts.stages...) {
		if !initName.MatchString(s) {
			return &usageError{fmt.Errorf("%q is not a valid stage or database name (letters, digits, - and _)", s)}
		}
	}
	if len(opts.stages) == 0 {
		return &usageError{errors.New("--stages needs at least one stage")}
	}
	switch {
	case opts.print != "" && opts.gitHook:
		return &usageError{errors.New("--print and --git-hook: give one")}
	case opts.print != "":
		return printSnippet(opts, path)
	case opts.gitHook:
		return installGitHook(opts, path)
	}
	if _, err := os.Stat(path); err == nil && !opts.force {
		return &usageError{fmt.Errorf("%s already exists; not overwriting it (use --force to replace it)", path)}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("checking %s: %w", path, err)
	}
	var buf bytes.Buffer
	if err := starter.Execute(&buf, starterData(opts)); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	out := opts.g.io.Out
	fmt.Fprintf(out, "wrote %s\n", path)
	for _, s := range opts.stages {
		d := filepath.Join(filepath.Dir(path), opts.dir, s)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", d, err)
		}
		keep := filepath.Join(d, ".gitkeep")
		if _, err := os.Stat(keep); errors.Is(err, fs.ErrNotExist) {
			if err := os.WriteFile(keep, nil, 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(out, "created %s/\n", filepath.ToSlash(d))
	}
	if !opts.g.quiet {
		fmt.Fprintf(out, "\nNext:\n  1. define %s as secured variables\n  2. add a migration, e.g. %s/%s/%s##%s##ddl##create_tables.sql\n  3. run `dbcd config check`\n",
			strings.Join(urlVars(opts), ", "), opts.dir, opts.stages[0], opts.db, "202601010000")
		fmt.Fprintf(out, "\nbitbucket-pipelines.yml steps:\n%s\npre-commit framework (.pre-commit-config.yaml):\n%s", pipelineSnippet, precommitSnippet(opts, path))
		fmt.Fprintf(out, "\nor a plain git hook: `dbcd init --git-hook` installs one running `dbcd review --staged`\n")
	}
	return nil
}

type starterStage struct {
	Name, After, URLVar string
	Last                bool
}

func starterData(opts *initOptions) map[string]any {
	var stages []starterStage
	vars := urlVars(opts)
	for i, s := range opts.stages {
		st := starterStage{Name: s, URLVar: vars[i], Last: i == len(opts.stages)-1 && i > 0}
		if i > 0 {
			st.After = opts.stages[i-1]
		}
		stages = append(stages, st)
	}
	return map[string]any{"Dir": opts.dir, "DB": opts.db, "Stages": stages}
}

func urlVars(opts *initOptions) []string {
	vars := make([]string, len(opts.stages))
	for i, s := range opts.stages {
		up := strings.ToUpper(strings.ReplaceAll(s+"_"+opts.db, "-", "_"))
		vars[i] = up + "_URL"
	}
	return vars
}

var starter = template.Must(template.New("dbcd.yaml").Parse(`# dbcd configuration: https://github.com/dbcd/dbcd
migrations:
  dir: {{.Dir}}
  # {{"{{"}}ENV_ID{{"}}"}} is a stage name; files under {{.Dir}}/<stage>/ go to that stage.
  template: "{{"{{"}}ENV_ID{{"}}"}}/{{"{{"}}DB_NAME{{"}}"}}##{{"{{"}}VERSION{{"}}"}}##{{"{{"}}TYPE{{"}}"}}##{{"{{"}}DESCRIPTION{{"}}"}}.sql"
  out_of_order: warn
history:
  table: dbcd.migration_history
stages:
{{- range .Stages}}
  - name: {{.Name}}
{{- if .After}}
    after: [{{.After}}]
{{- end}}
{{- if .Last}}
    policy: strict
{{- end}}
    targets:
      - { db: {{$.DB}}, url: "${ {{- .URLVar -}} }" }
{{- end}}
review:
  gate: error
  policies:
    default: { extends: recommended }
    strict:
      extends: recommended
      gate: warning
apply:
  lock_timeout: 5s
  lock_retries: 3
  lock_wait: 10m
  on_drift: block
`))

const pipelineSnippet = `  - step:
      name: Review migrations
      script:
        - dbcd review --output junit=test-results/dbcd-review.xml
`
