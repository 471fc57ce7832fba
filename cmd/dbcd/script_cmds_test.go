package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dbcd/dbcd/internal/bitbucket/bbfake"
	"github.com/dbcd/dbcd/internal/demo/employee"
)

// scriptCmds are the custom commands of the scripts in testdata/script.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"bbfake":          cmdBBFake,
	"pipeline":        cmdPipeline,
	"employee-sample": cmdEmployeeSample,
}

// cmdBBFake drives a fake Bitbucket Cloud API (internal/bitbucket/bbfake):
//
//	bbfake start STATE.json   serve STATE.json; sets DBCD_BITBUCKET_API_URL
//	                          and BBFAKE_LOG (every request, one per line)
//	bbfake link PR REV...     the commits REV (git revisions in the current
//	                          directory) belong to pull request PR
//	bbfake approve PR USER... USER (a key of the state's users) approves PR
//	bbfake unapprove PR USER...
//	bbfake merge PR           pull request PR is merged (state MERGED)
func cmdBBFake(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("bbfake does not support !")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: bbfake start STATE | link PR REV... | approve PR USER... | unapprove PR USER... | merge PR")
	}
	switch args[0] {
	case "start":
		state := ts.MkAbs(args[1])
		logPath := ts.MkAbs("bbfake.log")
		srv, err := bbfake.Start(state, logPath)
		ts.Check(err)
		ts.Defer(func() { _ = srv.Close() })
		ts.Setenv("DBCD_BITBUCKET_API_URL", srv.URL())
		ts.Setenv("BBFAKE_STATE", state)
		ts.Setenv("BBFAKE_LOG", logPath)
	case "link", "approve", "unapprove", "merge":
		state := ts.Getenv("BBFAKE_STATE")
		if state == "" {
			ts.Fatalf("bbfake %s before bbfake start", args[0])
		}
		pr, err := strconv.Atoi(args[1])
		if args[0] == "merge" && err == nil {
			ts.Check(bbfake.SetState(state, pr, "MERGED"))
			return
		}
		if err != nil || len(args) < 3 {
			ts.Fatalf("usage: bbfake %s PR ARG...", args[0])
		}
		for _, a := range args[2:] {
			switch args[0] {
			case "link":
				ts.Check(bbfake.Link(state, pr, gitOutput(ts, "rev-parse", a)))
			default:
				ts.Check(bbfake.Approve(state, pr, a, args[0] == "approve"))
			}
		}
	default:
		ts.Fatalf("bbfake: unknown subcommand %q", args[0])
	}
}

// pipelineVars are the Bitbucket Pipelines variables cmdPipeline manages.
var pipelineVars = []string{
	"BITBUCKET_BUILD_NUMBER", "BITBUCKET_COMMIT", "BITBUCKET_BRANCH", "BITBUCKET_PR_ID",
	"BITBUCKET_PR_DESTINATION_BRANCH", "BITBUCKET_REPO_FULL_NAME", "BITBUCKET_WORKSPACE",
	"BITBUCKET_REPO_SLUG", "BITBUCKET_CLONE_DIR", "BITBUCKET_GIT_HTTP_ORIGIN",
	"BITBUCKET_PIPELINE_UUID", "BITBUCKET_STEP_UUID", "BITBUCKET_DEPLOYMENT_ENVIRONMENT",
	"BITBUCKET_STEP_TRIGGERER_UUID", "BITBUCKET_PARALLEL_STEP", "BITBUCKET_PARALLEL_STEP_COUNT",
}

// cmdPipeline sets the variables of a Bitbucket Pipelines step run on the
// checked-out commit of the git repository in the current directory, as
// Bitbucket would for repository acme/employee-db, with the next build
// number:
//
//	pipeline pr ID [DEST]      a pull-request pipeline (destination main)
//	pipeline branch [DEPLOY]   a branch pipeline, optionally a deployment
//	                           step to environment DEPLOY
//	pipeline off               leave Pipelines: unset them all
//
// BITBUCKET_GIT_HTTP_ORIGIN is the origin remote's URL (a local bare
// repository go-git pushes to directly). BITBUCKET_STEP_TRIGGERER_UUID is
// left as the script set it.
func cmdPipeline(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: pipeline pr ID [DEST] | branch [DEPLOYMENT] | off")
	}
	triggerer := ts.Getenv("BITBUCKET_STEP_TRIGGERER_UUID")
	for _, k := range pipelineVars {
		ts.Setenv(k, "")
	}
	if args[0] == "off" {
		return
	}
	build, _ := strconv.Atoi(ts.Getenv("PIPELINE_BUILDS"))
	build++
	ts.Setenv("PIPELINE_BUILDS", strconv.Itoa(build))
	set := map[string]string{
		"BITBUCKET_BUILD_NUMBER":        strconv.Itoa(build),
		"BITBUCKET_COMMIT":              gitOutput(ts, "rev-parse", "HEAD"),
		"BITBUCKET_BRANCH":              gitOutput(ts, "rev-parse", "--abbrev-ref", "HEAD"),
		"BITBUCKET_REPO_FULL_NAME":      "acme/employee-db",
		"BITBUCKET_WORKSPACE":           "acme",
		"BITBUCKET_REPO_SLUG":           "employee-db",
		"BITBUCKET_CLONE_DIR":           ts.MkAbs("."),
		"BITBUCKET_GIT_HTTP_ORIGIN":     gitOutput(ts, "remote", "get-url", "origin"),
		"BITBUCKET_PIPELINE_UUID":       fmt.Sprintf("{00000000-0000-4000-8000-%012d}", build),
		"BITBUCKET_STEP_UUID":           fmt.Sprintf("{00000000-0000-4000-9000-%012d}", build),
		"BITBUCKET_STEP_TRIGGERER_UUID": triggerer,
	}
	switch {
	case args[0] == "pr" && (len(args) == 2 || len(args) == 3):
		set["BITBUCKET_PR_ID"] = args[1]
		set["BITBUCKET_PR_DESTINATION_BRANCH"] = "main"
		if len(args) == 3 {
			set["BITBUCKET_PR_DESTINATION_BRANCH"] = args[2]
		}
	case args[0] == "branch" && len(args) <= 2:
		if len(args) == 2 {
			set["BITBUCKET_DEPLOYMENT_ENVIRONMENT"] = args[1]
		}
	default:
		ts.Fatalf("usage: pipeline pr ID [DEST] | branch [DEPLOYMENT] | off")
	}
	for k, v := range set {
		ts.Setenv(k, v)
	}
}

// cmdEmployeeSample writes the employee sample's migration files
// (internal/demo/employee) into DIR/<stage>/ for each stage:
//
//	employee-sample DIR STAGE...
func cmdEmployeeSample(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: employee-sample DIR STAGE...")
	}
	ts.Check(employee.Write(ts.MkAbs(args[0]), args[1:]...))
}

// gitOutput runs git in the script's current directory and returns its
// trimmed output.
func gitOutput(ts *testscript.TestScript, args ...string) string {
	cmd := exec.Command("git", args...)
	cmd.Dir = filepath.Clean(ts.MkAbs("."))
	out, err := cmd.CombinedOutput()
	if err != nil {
		ts.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}
