package main

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/bitbucket/bbfake"
)

// This file is a small Bitbucket Pipelines emulator for the pipeline
// simulation (pipeline_example_test.go): given a bitbucket-pipelines.yml
// (parsed by pipeline_yaml_test.go), it runs a pipeline's steps the way Bitbucket would (a fresh clone per
// step, the default and deployment variables, artifacts handed on, parallel
// steps numbered), running dbcd in-process through run(). Script lines that
// are not dbcd are either emulated (export) or skipped for a stated reason
// (installing dbcd); anything else fails the test, so the example cannot
// grow steps the simulation silently ignores.

// pipelineSim runs pipelines of a pipelineFile against a bare git remote and
// a fake Bitbucket API.
type pipelineSim struct {
	t      *testing.T
	pf     *pipelineFile
	root   string // holds the clones
	remote string // the bare repository: Bitbucket's copy
	fake   *bbfake.Server
	state  string // the fake's state file
	// repoVars are repository variables; deployVars the variables of each
	// deployment environment.
	repoVars   map[string]string
	deployVars map[string]map[string]string
	builds     int
	clones     int
	// ran counts the runs of each dbcd script line, by "pipeline: line".
	ran map[string]int
}

// runSpec says which pipeline runs on what and who starts its steps.
type runSpec struct {
	pipeline  string // key of pipelineFile.pipelines
	branch    string // the branch built (a pull request's source branch)
	commit    string
	prID      int    // a pull-request pipeline when set
	prDest    string // its destination branch
	triggerer string // the account that pushed or ran the pipeline
	// manual is who clicks Run on manual steps; empty: the pipeline stops
	// before the first manual step, as it does until someone clicks.
	manual string
	// expect is the exit code a step must end with, by step name (default 0).
	expect map[string]int
}

// stepResult is what one step did.
type stepResult struct {
	name   string
	dir    string // its clone
	code   int    // exit code of the script: the first failing command's
	output string // every command line, with stdout and stderr
}

// run runs one pipeline and returns its steps' results.
func (s *pipelineSim) run(spec runSpec) []*stepResult {
	s.t.Helper()
	groups, ok := s.pf.pipelines[spec.pipeline]
	if !ok {
		s.t.Fatalf("no pipeline %q in the example", spec.pipeline)
	}
	s.builds++
	artifacts := map[string][]byte{}
	var results []*stepResult
	for _, g := range groups {
		if g.steps[0].manual {
			if spec.manual == "" {
				return results
			}
		}
		failed := false
		for i, st := range g.steps {
			env := s.stepEnv(spec, st)
			if g.parallel {
				env["BITBUCKET_PARALLEL_STEP"] = strconv.Itoa(i)
				env["BITBUCKET_PARALLEL_STEP_COUNT"] = strconv.Itoa(len(g.steps))
			}
			if st.manual || (g.parallel && g.steps[0].manual) {
				env["BITBUCKET_STEP_TRIGGERER_UUID"] = spec.manual
			}
			res := s.runStep(spec, st, env, artifacts)
			results = append(results, res)
			want := spec.expect[st.name]
			if res.code != want {
				s.t.Errorf("%s: step %q exited %d, want %d (its output is logged above)", spec.pipeline, st.name, res.code, want)
			}
			if res.code != 0 {
				failed = true
			}
			for _, pattern := range st.artifacts {
				matches, _ := filepath.Glob(filepath.Join(res.dir, pattern))
				for _, m := range matches {
					b, err := os.ReadFile(m)
					if err == nil {
						rel, _ := filepath.Rel(res.dir, m)
						artifacts[rel] = b
					}
				}
			}
		}
		if failed {
			return results // a failed step stops the pipeline
		}
	}
	return results
}

// stepEnv is the environment Bitbucket gives a step.
func (s *pipelineSim) stepEnv(spec runSpec, st *pipelineStep) map[string]string {
	env := map[string]string{
		"CI":       "true",
		"NO_COLOR": "1",
		// Not set by Bitbucket: points dbcd's API calls at the fake, which
		// also stands in for the pipeline's Code Insights proxy.
		"DBCD_BITBUCKET_API_URL":        s.fake.URL(),
		"BITBUCKET_BUILD_NUMBER":        strconv.Itoa(s.builds),
		"BITBUCKET_COMMIT":              spec.commit,
		"BITBUCKET_BRANCH":              spec.branch,
		"BITBUCKET_REPO_FULL_NAME":      "acme/employee-db",
		"BITBUCKET_WORKSPACE":           "acme",
		"BITBUCKET_REPO_SLUG":           "employee-db",
		"BITBUCKET_REPO_UUID":           "{7e57e57e-0000-4000-8000-000000000001}",
		"BITBUCKET_REPO_OWNER":          "acme",
		"BITBUCKET_REPO_IS_PRIVATE":     "true",
		"BITBUCKET_PROJECT_KEY":         "DB",
		"BITBUCKET_GIT_HTTP_ORIGIN":     s.remote,
		"BITBUCKET_GIT_SSH_ORIGIN":      s.remote,
		"BITBUCKET_PIPELINE_UUID":       fmt.Sprintf("{00000000-0000-4000-8000-%012d}", s.builds),
		"BITBUCKET_STEP_UUID":           fmt.Sprintf("{00000000-0000-4000-9000-%012d}", s.clones+1),
		"BITBUCKET_STEP_RUN_NUMBER":     "1",
		"BITBUCKET_STEP_TRIGGERER_UUID": spec.triggerer,
	}
	if spec.prID != 0 {
		env["BITBUCKET_PR_ID"] = strconv.Itoa(spec.prID)
		env["BITBUCKET_PR_DESTINATION_BRANCH"] = spec.prDest
	}
	for k, v := range s.repoVars {
		env[k] = v
	}
	if st.deployment != "" {
		env["BITBUCKET_DEPLOYMENT_ENVIRONMENT"] = st.deployment
		env["BITBUCKET_DEPLOYMENT_ENVIRONMENT_UUID"] = "{de9107e0-0000-4000-8000-" + fmt.Sprintf("%012x", len(st.deployment)) + "}"
	}
	for k, v := range s.deployVars[cmp.Or(st.deployment, st.environment)] {
		env[k] = v
	}
	return env
}

// clone makes the step's working copy as Bitbucket does: a clone of the
// branch reset to the commit, git's identity set, and in a pull-request
// pipeline the destination branch merged in.
func (s *pipelineSim) clone(spec runSpec) string {
	s.clones++
	dir := filepath.Join(s.root, fmt.Sprintf("build-%d-step-%d", s.builds, s.clones))
	gitRun(s.t, s.root, "clone", "-q", "--branch", spec.branch, s.remote, dir)
	gitRun(s.t, dir, "reset", "-q", "--hard", spec.commit)
	gitRun(s.t, dir, "config", "user.name", "bitbucket-pipelines")
	gitRun(s.t, dir, "config", "user.email", "commits-noreply@bitbucket.org")
	gitRun(s.t, dir, "config", "push.default", "current")
	if spec.prID != 0 {
		gitRun(s.t, dir, "merge", "-q", "--no-edit", "origin/"+spec.prDest)
	}
	return dir
}

// runStep runs a step's script in a fresh clone until a command fails.
func (s *pipelineSim) runStep(spec runSpec, st *pipelineStep, env map[string]string, artifacts map[string][]byte) *stepResult {
	s.t.Helper()
	res := &stepResult{name: st.name, dir: s.clone(spec)}
	env["BITBUCKET_CLONE_DIR"] = res.dir
	for rel, b := range artifacts {
		p := filepath.Join(res.dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			s.t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			s.t.Fatal(err)
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "== %s: %s (build %s)\n", spec.pipeline, st.name, env["BITBUCKET_BUILD_NUMBER"])
	defer func() {
		res.output = out.String()
		s.t.Log(res.output)
	}()
	for _, line := range st.script {
		fmt.Fprintf(&out, "+ %s\n", line)
		switch {
		case installLine.MatchString(line):
			fmt.Fprintf(&out, "(skipped: installs dbcd; the simulation runs the dbcd under test in-process)\n")
		case strings.HasPrefix(line, "export "):
			words := shellWords(s.t, strings.TrimPrefix(line, "export "), env)
			for _, w := range words {
				k, v, ok := strings.Cut(w, "=")
				if !ok {
					s.t.Fatalf("%s: %q: the emulator runs export NAME=VALUE only", st.name, line)
				}
				env[k] = v
			}
		case strings.HasPrefix(line, "dbcd "):
			args := shellWords(s.t, strings.TrimPrefix(line, "dbcd "), env)
			code, stdout, stderr := runIn(s.t, res.dir, env, args...)
			s.ran[spec.pipeline+": "+line]++
			out.WriteString(stdout)
			out.WriteString(stderr)
			if code == exitInput {
				s.t.Errorf("%s: %q exited 2: the example uses a command, flag or variable dbcd rejects\n%s", st.name, line, stderr)
			}
			if code != 0 {
				res.code = code
				return res
			}
		default:
			s.t.Fatalf("%s: script line %q: the emulator neither runs nor skips it; teach it (pipeline_sim_test.go)", st.name, line)
		}
	}
	return res
}

// installLine is how the example installs dbcd.
var installLine = regexp.MustCompile(`^go install github\.com/dbcd/dbcd/cmd/dbcd@\S+$`)

// shellWords splits a command line into words as sh would for the simple
// lines of a pipeline script: quotes, and $VAR and ${VAR} expanded from env
// outside single quotes. Pipes, redirections, command substitution, globs
// and command lists fail the test.
func shellWords(t *testing.T, line string, env map[string]string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				t.Fatalf("%q: unterminated quote", line)
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				t.Fatalf("%q: unterminated quote", line)
			}
			cur.WriteString(expandVars(t, line[i+1:i+1+j], env))
			i += j + 1
			inWord = true
		case c == '$':
			n := varEnd(line[i:])
			cur.WriteString(expandVars(t, line[i:i+n], env))
			i += n - 1
			inWord = true
		case strings.IndexByte("|&;<>`*?[()\\", c) >= 0:
			t.Fatalf("%q: the emulator does not run shell syntax %q", line, c)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// varEnd returns the length of the $VAR or ${VAR} at the start of s.
func varEnd(s string) int {
	if strings.HasPrefix(s, "${") {
		if j := strings.IndexByte(s, '}'); j > 0 {
			return j + 1
		}
		return len(s)
	}
	n := 1
	for n < len(s) && (s[n] == '_' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= 'a' && s[n] <= 'z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	return n
}

// expandVars expands $VAR and ${VAR} from env; $(...) fails the test.
func expandVars(t *testing.T, s string, env map[string]string) string {
	t.Helper()
	if strings.Contains(s, "$(") {
		t.Fatalf("%q: the emulator does not run command substitution", s)
	}
	return os.Expand(s, func(k string) string {
		if strings.ContainsAny(k, ":-+?") {
			t.Fatalf("%q: the emulator expands plain variables only", s)
		}
		return env[k]
	})
}

// checkCoverage fails when a dbcd line of the example never ran.
func (s *pipelineSim) checkCoverage() {
	s.t.Helper()
	var missed []string
	for key, groups := range s.pf.pipelines {
		for _, g := range groups {
			for _, st := range g.steps {
				for _, line := range st.script {
					if strings.HasPrefix(line, "dbcd ") && s.ran[key+": "+line] == 0 {
						missed = append(missed, key+": "+st.name+": "+line)
					}
				}
			}
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		s.t.Errorf("dbcd commands of the example the simulation never ran:\n%s", strings.Join(missed, "\n"))
	}
}

// gitRun runs git in dir and returns its trimmed output.
func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return strings.TrimSpace(string(out))
}
