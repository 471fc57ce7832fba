// Package demo runs the walkthrough of `make demo`: the whole dbcd workflow
// on the employee sample, as Bitbucket Pipelines would run it, with
// narration and dbcd's real output. It starts a throwaway PostgreSQL cluster
// (the test harness's, internal/pgtest), a fake Bitbucket API
// (internal/bitbucket/bbfake) and a temporary git repository with a bare
// remote, runs the dbcd binary it is given, and removes everything again.
//
// The story is the one testdata/script/walkthrough.txtar checks.
package demo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dbcd/dbcd/internal/bitbucket/bbfake"
	"github.com/dbcd/dbcd/internal/demo/employee"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// Options configure a run.
type Options struct {
	// DBCD is the dbcd binary to run.
	DBCD string
	// Out receives the narration and dbcd's output.
	Out io.Writer
	// Color styles the narration with ANSI escapes.
	Color bool
}

// demo is the state of a run.
type demo struct {
	o       Options
	ctx     context.Context
	dir     string // temporary directory holding everything
	repo    string // the team's clone
	remote  string // the bare repository standing in for Bitbucket's
	state   string // the fake API's state file
	logPath string // the fake API's request log
	logSeen int    // bytes of the request log already shown
	env     map[string]string
	pipe    map[string]string // the Bitbucket variables of the current step
	builds  int
	chapter int
	prodURL string
}

// Run tells the story. It cleans up whatever it started before it returns,
// also when ctx is cancelled (Ctrl-C).
func Run(ctx context.Context, o Options) (err error) {
	start := time.Now()
	d := &demo{o: o, ctx: ctx, pipe: map[string]string{}}
	dbcd, err := filepath.Abs(o.DBCD)
	if err != nil {
		return err
	}
	if _, err := os.Stat(dbcd); err != nil {
		return fmt.Errorf("the dbcd binary: %w (run make build first)", err)
	}
	d.o.DBCD = dbcd
	if _, err := exec.LookPath("git"); err != nil {
		return errors.New("git is needed for the demo")
	}

	if d.dir, err = os.MkdirTemp("", "dbcd-demo-"); err != nil {
		return err
	}
	defer func() {
		if rmErr := os.RemoveAll(d.dir); rmErr != nil && err == nil {
			err = rmErr
		}
	}()

	d.say("Starting a throwaway PostgreSQL server (the test harness's: initdb into %s, stopped and removed at the end)...", os.TempDir())
	cluster, stop, err := pgtest.Start()
	if err != nil {
		return fmt.Errorf("starting PostgreSQL: %w\n(the demo needs the PostgreSQL server binaries, initdb and postgres; Debian: apt-get install postgresql)", err)
	}
	defer func() {
		if stopErr := stop(); stopErr != nil && err == nil {
			err = fmt.Errorf("stopping PostgreSQL: %w", stopErr)
		}
	}()
	testURL, err := cluster.CreateDatabase("employee_test")
	if err != nil {
		return err
	}
	if d.prodURL, err = cluster.CreateDatabase("employee_prod"); err != nil {
		return err
	}
	d.say("PostgreSQL %d.%d is up with two empty databases: employee_test (stage test) and employee_prod (stage prod).",
		cluster.Version()/10000, cluster.Version()%10000)

	d.state = filepath.Join(d.dir, "bitbucket.json")
	d.logPath = filepath.Join(d.dir, "bitbucket.log")
	if err := os.WriteFile(d.state, []byte(employee.BitbucketState), 0o644); err != nil {
		return err
	}
	fake, err := bbfake.Start(d.state, d.logPath)
	if err != nil {
		return err
	}
	defer func() { _ = fake.Close() }()

	d.env = map[string]string{
		"TEST_EMPLOYEE_URL":      testURL,
		"PROD_EMPLOYEE_URL":      d.prodURL,
		"BITBUCKET_ACCESS_TOKEN": employee.Token,
		"DBCD_BITBUCKET_API_URL": fake.URL(),
	}
	if err := d.story(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	d.heading("Done")
	d.say("The whole workflow ran in %s against a real PostgreSQL server, a real git repository and a fake Bitbucket API. "+
		"Everything is being removed now: the server, the databases, the repositories.", time.Since(start).Round(time.Second))
	d.say("Next: copy bitbucket-pipelines.example.yml into your repository as bitbucket-pipelines.yml, and start with `dbcd init`.")
	return nil
}

// Output helpers.

func (d *demo) style(code, s string) string {
	if !d.o.Color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// heading starts a chapter.
func (d *demo) heading(title string) {
	d.chapter++
	fmt.Fprintf(d.o.Out, "\n%s\n", d.style("1;36", fmt.Sprintf("━━ %d. %s ", d.chapter, title)+strings.Repeat("━", max(0, 60-len(title)))))
}

// say prints narration, wrapped.
func (d *demo) say(format string, args ...any) {
	fmt.Fprintln(d.o.Out, wrap(fmt.Sprintf(format, args...), 78))
}

// note prints a remark about what just happened, set apart from the output.
func (d *demo) note(format string, args ...any) {
	fmt.Fprintln(d.o.Out, d.style("33", "→ "+fmt.Sprintf(format, args...)))
}

// wrap breaks text into lines of at most width columns.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// Running things.

// dbcd runs the dbcd binary in the repository with the current pipeline
// variables, shows the command and its output, and checks its exit code.
func (d *demo) dbcd(want int, args ...string) error {
	prompt := "$ dbcd " + strings.Join(quoteArgs(args), " ")
	fmt.Fprintln(d.o.Out, d.style("1", prompt))
	cmd := exec.CommandContext(d.ctx, d.o.DBCD, args...)
	cmd.Dir = d.repo
	cmd.Env = d.environ()
	w := &indentWriter{w: d.o.Out, prefix: d.style("2", "  │ ")}
	cmd.Stdout, cmd.Stderr = w, w
	err := cmd.Run()
	w.flush()
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return fmt.Errorf("running dbcd: %w", err)
		}
		got = ee.ExitCode()
	}
	if d.ctx.Err() != nil {
		return d.ctx.Err()
	}
	if got != want {
		return fmt.Errorf("dbcd %s exited %d, the story expects %d", strings.Join(args, " "), got, want)
	}
	if got != 0 {
		fmt.Fprintln(d.o.Out, d.style("2", fmt.Sprintf("  (exit %d, as expected)", got)))
	}
	return nil
}

// environ is the environment of dbcd: this process's, without variables
// of Bitbucket or dbcd that would change the story, plus the story's.
func (d *demo) environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "BITBUCKET_") || strings.HasPrefix(kv, "DBCD_") || strings.HasPrefix(kv, "CI=") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "NO_COLOR=1")
	for k, v := range d.env {
		env = append(env, k+"="+v)
	}
	for k, v := range d.pipe {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// git runs git in the repository (or with the given directory) quietly,
// showing the command.
func (d *demo) git(args ...string) (string, error) {
	fmt.Fprintln(d.o.Out, d.style("2", "$ git "+strings.Join(quoteArgs(args), " ")))
	return d.gitQuiet(args...)
}

// gitQuiet runs git in the repository without showing it.
func (d *demo) gitQuiet(args ...string) (string, error) {
	cmd := exec.CommandContext(d.ctx, "git", args...)
	cmd.Dir = d.repo
	// The user's own git configuration (signing, hooks, templates) stays out
	// of the story.
	cmd.Env = append(d.environ(), "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("git %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// build starts a pipeline run (a Bitbucket build) on the checked-out
// commit: kind is "pr" (with prID), "branch" or "custom" (with the custom
// pipeline's name in what). Its steps start with step.
func (d *demo) build(kind string, prID int, what string) error {
	commit, err := d.gitQuiet("rev-parse", "HEAD")
	if err != nil {
		return err
	}
	branch, err := d.gitQuiet("rev-parse", "--abbrev-ref", "HEAD")
	if err != nil {
		return err
	}
	d.builds++
	d.pipe = map[string]string{
		"CI":                        "true",
		"BITBUCKET_BUILD_NUMBER":    strconv.Itoa(d.builds),
		"BITBUCKET_COMMIT":          commit,
		"BITBUCKET_BRANCH":          branch,
		"BITBUCKET_REPO_FULL_NAME":  "acme/employee-db",
		"BITBUCKET_WORKSPACE":       "acme",
		"BITBUCKET_REPO_SLUG":       "employee-db",
		"BITBUCKET_CLONE_DIR":       d.repo,
		"BITBUCKET_GIT_HTTP_ORIGIN": d.remote,
	}
	switch kind {
	case "pr":
		d.pipe["BITBUCKET_PR_ID"] = strconv.Itoa(prID)
		d.pipe["BITBUCKET_PR_DESTINATION_BRANCH"] = "main"
		what = fmt.Sprintf("pull request #%d (%s -> main)", prID, branch)
	case "branch":
		what = "branch " + branch
	}
	fmt.Fprintln(d.o.Out, d.style("35", fmt.Sprintf("▶ Bitbucket build #%d: %s, commit %.7s", d.builds, what, commit)))
	return nil
}

// step starts a step of the current build: its deployment environment
// (or none) and who started it (pushed, or clicked Run on a manual step).
func (d *demo) step(name, deployment, triggerer string) {
	d.pipe["BITBUCKET_DEPLOYMENT_ENVIRONMENT"] = deployment
	d.pipe["BITBUCKET_STEP_TRIGGERER_UUID"] = triggerer
	how := ""
	if deployment != "" {
		how = ", deployment " + deployment
	}
	fmt.Fprintln(d.o.Out, d.style("35", fmt.Sprintf("  ▸ step %q%s, started by %s", name, how, person(triggerer))))
}

// offPipeline leaves Bitbucket: the next commands run in a terminal.
func (d *demo) offPipeline() {
	d.pipe = map[string]string{}
	fmt.Fprintln(d.o.Out, d.style("35", "▶ a terminal, outside Pipelines"))
}

func person(uuid string) string {
	switch uuid {
	case employee.DaveUUID:
		return "dave (developer)"
	case employee.OliviaUUID:
		return "olivia (project owner)"
	case employee.DanaUUID:
		return "dana (DBA)"
	}
	return uuid
}

// requests returns the fake API's request lines logged since the last call.
func (d *demo) requests() []string {
	b, err := os.ReadFile(d.logPath)
	if err != nil || len(b) < d.logSeen {
		return nil
	}
	lines := strings.Split(strings.TrimSpace(string(b[d.logSeen:])), "\n")
	d.logSeen = len(b)
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// showRequests summarises what dbcd sent to Bitbucket since the last call,
// each distinct request once.
func (d *demo) showRequests() {
	seen := map[string]bool{}
	for _, l := range d.requests() {
		f := strings.SplitN(l, " ", 5)
		if len(f) < 5 {
			continue
		}
		method, path, body := f[0], f[1], f[4]
		path = shortCommit(strings.TrimPrefix(strings.TrimPrefix(path, "/2.0"), "/repositories/acme/employee-db"))
		var msg string
		switch {
		case strings.HasSuffix(path, "/annotations"):
			msg = fmt.Sprintf("%s %s (%d annotation(s)%s)", method, path, strings.Count(body, `"external_id"`), annotationPlaces(body))
		case strings.Contains(path, "/reports/") && method == "PUT":
			msg = fmt.Sprintf("%s %s (Code Insights report, result %s)", method, path, field(body, "result"))
		case strings.Contains(path, "/comments") && method != "GET":
			msg = fmt.Sprintf("%s %s (the plan as a pull request comment)", method, path)
		case method == "GET":
			msg = fmt.Sprintf("%s %s", method, path)
		}
		if msg != "" && !seen[msg] {
			seen[msg] = true
			d.note("Bitbucket API: %s", msg)
		}
	}
}

// shortCommit shortens a commit hash in an API path.
func shortCommit(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if i > 0 && parts[i-1] == "commit" && len(p) > 12 {
			parts[i] = p[:7]
		}
	}
	return strings.Join(parts, "/")
}

// field pulls a "key":"value" string out of a JSON body.
func field(body, key string) string {
	i := strings.Index(body, `"`+key+`":"`)
	if i < 0 {
		return "?"
	}
	rest := body[i+len(key)+4:]
	if j := strings.IndexByte(rest, '"'); j >= 0 {
		return rest[:j]
	}
	return "?"
}

// annotationPlaces lists the path:line of annotations in a JSON body, after
// a colon, or returns "" when they have none.
func annotationPlaces(body string) string {
	var places []string
	for _, chunk := range strings.Split(body, `"path":"`)[1:] {
		path, rest, _ := strings.Cut(chunk, `"`)
		line := ""
		if i := strings.Index(rest, `"line":`); i >= 0 {
			n := rest[i+7:]
			j := strings.IndexFunc(n, func(r rune) bool { return r < '0' || r > '9' })
			if j > 0 {
				line = ":" + n[:j]
			}
		}
		places = append(places, filepath.Base(path)+line)
	}
	if len(places) == 0 {
		return ""
	}
	return ": " + strings.Join(places, ", ")
}

// indentWriter prefixes every line it writes.
type indentWriter struct {
	w      io.Writer
	prefix string
	buf    []byte
}

func (iw *indentWriter) Write(p []byte) (int, error) {
	iw.buf = append(iw.buf, p...)
	for {
		i := strings.IndexByte(string(iw.buf), '\n')
		if i < 0 {
			return len(p), nil
		}
		if _, err := fmt.Fprintf(iw.w, "%s%s\n", iw.prefix, iw.buf[:i]); err != nil {
			return 0, err
		}
		iw.buf = iw.buf[i+1:]
	}
}

func (iw *indentWriter) flush() {
	if len(iw.buf) > 0 {
		fmt.Fprintf(iw.w, "%s%s\n", iw.prefix, iw.buf)
		iw.buf = nil
	}
}

// quoteArgs quotes arguments for display as a shell would need them.
func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " #'\"$*?&|;<>(){}[]\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return out
}

// writeFile writes a file of the repository.
func (d *demo) writeFile(rel, content string) error {
	p := filepath.Join(d.repo, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(content), 0o644)
}

// show prints a file's content, indented.
func (d *demo) show(title, content string) {
	fmt.Fprintln(d.o.Out, d.style("2", title))
	sc := bufio.NewScanner(strings.NewReader(content))
	for sc.Scan() {
		fmt.Fprintln(d.o.Out, d.style("2", "  │ ")+sc.Text())
	}
}
