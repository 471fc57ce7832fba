package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unsafe"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/iostreams"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	io      *iostreams.IOStreams
	getenv  func(string) string
	config  string
	format  string
	outputs []string
	noColor bool
	quiet   bool
	verbose bool
	// secrets are values that must never be printed (passwords, tokens);
	// commands add to it when they load a configuration.
	secrets *[]string
	// ran is set once a command starts running (after flag parsing).
	ran bool
}

// run executes dbcd with args and returns the process exit code.
func run(args []string, streams *iostreams.IOStreams, getenv func(string) string) int {
	var secrets []string
	if tok := getenv("BITBUCKET_ACCESS_TOKEN"); tok != "" {
		secrets = append(secrets, tok)
	}
	out := &redactingWriter{w: streams.Out, secrets: &secrets}
	errOut := &redactingWriter{w: streams.ErrOut, secrets: &secrets}
	redacted := *streams
	redacted.Out, redacted.ErrOut = out, errOut
	g := &globalOptions{io: &redacted, getenv: getenv, secrets: &secrets}

	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(out)
	root.SetErr(errOut)
	err := root.Execute()
	if err != nil && !g.ran {
		// Cobra rejected the command line before any command ran: an
		// unknown command, a bad flag or a wrong number of arguments.
		var use *usageError
		if !errors.As(err, &use) {
			err = &usageError{fmt.Errorf("%w\nrun `dbcd --help` for usage", err)}
		}
	}
	code := exitCode(err)
	if err != nil {
		var rep *reportedError
		if !asReported(err, &rep) {
			fmt.Fprintf(errOut, "dbcd: %s\n", strings.TrimSpace(err.Error()))
		}
		fmt.Fprintln(errOut, exitLine(code))
	}
	return code
}

func newRootCmd(g *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "dbcd",
		Short: "PostgreSQL schema changes as a first-class part of CI/CD",
		Long: `dbcd reviews, plans, applies and tracks PostgreSQL migration files kept in git,
as steps of a CI pipeline (Bitbucket Pipelines first), from a terminal, or as a
pre-commit hook. State lives in git and in a history table on each target database.

Exit codes: 0 clean or done; 1 problems found that stop the pipeline;
2 bad usage, configuration or input files; 3 could not run.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			// Cobra checks required flags only after this hook: a missing
			// --stage is a usage error, not a failed run.
			if err := cmd.ValidateRequiredFlags(); err != nil {
				return &usageError{fmt.Errorf("%w\nrun `%s --help` for usage", err, cmd.CommandPath())}
			}
			g.ran = true
			if g.noColor {
				g.io.DisableColor()
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{fmt.Errorf("%w\nrun `%s --help` for usage", err, c.CommandPath())}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.config, "config", "", "configuration file (default ./dbcd.yaml)")
	pf.StringVar(&g.format, "format", "text", "output format: text, json, junit, sarif (as the command supports; see its --help)")
	pf.StringArrayVar(&g.outputs, "output", nil, "write the report to `FILE` instead of stdout; repeat as FORMAT=FILE for several formats")
	pf.BoolVar(&g.noColor, "no-color", false, "never colour output (also when NO_COLOR is set)")
	pf.BoolVarP(&g.quiet, "quiet", "q", false, "print only problems")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "print more detail")

	root.AddCommand(
		newVersionCmd(g, nil),
		newInitCmd(g, nil),
		newConfigCmd(g),
		newReviewCmd(g, nil),
		newRulesCmd(g),
		newApplyCmd(g, nil),
		newPlanCmd(g, nil),
		newHistoryCmd(g),
		newResolveCmd(g),
		newDumpCmd(g),
		newWritebackCmd(g),
		newDriftCmd(g),
	)
	root.CompletionOptions.HiddenDefaultCmd = false
	return root
}

func asReported(err error, rep **reportedError) bool {
	r, ok := err.(*reportedError)
	if ok {
		*rep = r
	}
	return ok
}

// addSecrets registers values that must be masked in all output.
func (g *globalOptions) addSecrets(values ...string) {
	for _, v := range values {
		if len(v) >= 3 {
			*g.secrets = append(*g.secrets, v)
		}
	}
}

// redactingWriter masks passwords in connection strings and known secret
// values before they reach the user, whatever code path produced the text.
type redactingWriter struct {
	w       interface{ Write([]byte) (int, error) }
	secrets *[]string
}

func (r *redactingWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	// Reports are written in chunks of tens of kilobytes: look at p through
	// a string without copying it (p is neither kept nor changed here), and
	// copy only what masking changed.
	s, out := unsafe.String(&p[0], len(p)), p
	if red := dbconn.RedactSecrets(s, *r.secrets...); red != s { // also applies Redact
		out = []byte(red)
	}
	if _, err := r.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteString is Write for the reports that renderers build as one string
// (io.WriteString), without copying megabytes back and forth.
func (r *redactingWriter) WriteString(s string) (int, error) {
	if _, err := io.WriteString(r.w, dbconn.RedactSecrets(s, *r.secrets...)); err != nil {
		return 0, err
	}
	return len(s), nil
}
