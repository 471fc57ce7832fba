package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/bitbucket/bbfake"
	"github.com/dbcd/dbcd/internal/demo/employee"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// TestPipelineExample runs bitbucket-pipelines.example.yml on the employee
// sample, so the example cannot rot: every dbcd command of every pipeline
// runs, in order, in the steps Bitbucket would run, with the variables it
// sets, against real PostgreSQL databases (test and prod), a bare git
// remote and a fake Bitbucket API (pull requests, approvals, comments, Code
// Insights). A flag or command dbcd does not know fails the test.
//
// The story: the repository is set up through an approved pull request and
// the main pipeline creates both databases; pull request #2 adds a column,
// is reviewed and planned, approved and merged; the main pipeline applies it
// to test, then (manual step, started by a DBA) to prod, and writes the
// schema back with [skip ci]; a pipeline on the write-back commit finds
// nothing to do; the prod fan-out variant runs; the nightly drift pipeline
// passes, then fails on a change made by hand.
func TestPipelineExample(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is needed")
	}
	cluster := pgtest.Server(t)
	testDB, prodDB := cluster.NewDB(t), cluster.NewDB(t)
	pf := loadPipelineFile(t, "../../bitbucket-pipelines.example.yml")

	root := t.TempDir()
	s := &pipelineSim{
		t: t, pf: pf, root: root, remote: filepath.Join(root, "remote.git"),
		state: filepath.Join(root, "bitbucket.json"),
		repoVars: map[string]string{
			"TEST_EMPLOYEE_URL":          testDB.URL(),
			"PROD_EMPLOYEE_READONLY_URL": prodDB.URL(),
			"BITBUCKET_ACCESS_TOKEN":     employee.Token,
		},
		deployVars: map[string]map[string]string{
			"production": {"PROD_EMPLOYEE_URL": prodDB.URL()},
		},
		ran: map[string]int{},
	}
	if err := os.WriteFile(s.state, []byte(employee.BitbucketState), 0o644); err != nil {
		t.Fatal(err)
	}
	fake, err := bbfake.Start(s.state, filepath.Join(root, "bitbucket.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fake.Close() })
	s.fake = fake
	bb := &bbState{t: t, path: s.state}

	// The repository, set up by dave through pull request #1, which the
	// owner and a DBA approved.
	gitRun(t, root, "init", "-q", "--bare", "-b", "main", s.remote)
	dev := filepath.Join(root, "dev")
	gitRun(t, root, "clone", "-q", s.remote, dev)
	gitRun(t, dev, "config", "user.name", "dave")
	gitRun(t, dev, "config", "user.email", "dave@example.com")
	writeFiles(t, dev, map[string]string{
		"dbcd.yaml":               employee.ApprovalsConfig,
		"bitbucket-pipelines.yml": readFile(t, "../../bitbucket-pipelines.example.yml"),
	})
	if err := employee.Write(filepath.Join(dev, "bytebase"), "test", "prod"); err != nil {
		t.Fatal(err)
	}
	gitRun(t, dev, "add", "-A")
	gitRun(t, dev, "commit", "-q", "-m", "Set up dbcd with the employee sample")
	gitRun(t, dev, "push", "-q", "origin", "HEAD:main")
	setup := gitRun(t, dev, "rev-parse", "HEAD")
	bb.pullRequest("1", bbfake.PullRequest{Title: "Set up dbcd", Author: "dave", Source: "setup", State: "MERGED",
		Participants: []bbfake.Participant{{User: "olivia", Approved: true}, {User: "dana", Approved: true}}})
	bb.link(1, setup)

	// The main pipeline: test automatically, prod when dana clicks Run.
	mainRun := runSpec{pipeline: "branches/main", branch: "main", commit: setup,
		triggerer: employee.DaveUUID, manual: employee.DanaUUID}
	res := s.run(mainRun)
	wantSteps(t, res, "Apply to test", "Apply to production")
	wantOutput(t, res[0], "applied", employee.SchemaFile)
	wantOutput(t, res[1], "applied", employee.SchemaFile)
	if n := pgtest.QueryValue[int64](t, prodDB, `SELECT count(*) FROM public.employee`); n == 0 {
		t.Error("prod has no employees after the main pipeline")
	}
	wantSkipCI(t, s.remote, setup)

	// Pull request #2 adds nick_name to both stages.
	gitRun(t, dev, "pull", "-q", "origin", "main")
	gitRun(t, dev, "checkout", "-q", "-b", "feature/nickname")
	writeFiles(t, dev, map[string]string{
		"bytebase/test/" + employee.NicknameFile: employee.Nickname,
		"bytebase/prod/" + employee.NicknameFile: employee.Nickname,
	})
	gitRun(t, dev, "add", "-A")
	gitRun(t, dev, "commit", "-q", "-m", "employee: add nick_name")
	gitRun(t, dev, "push", "-q", "origin", "feature/nickname")
	feature := gitRun(t, dev, "rev-parse", "HEAD")
	bb.pullRequest("2", bbfake.PullRequest{Title: "employee: add nick_name", Author: "dave", Source: "feature/nickname",
		Participants: []bbfake.Participant{{User: "olivia"}, {User: "dana"}}})
	bb.link(2, feature)
	res = s.run(runSpec{pipeline: "pull-requests/**", branch: "feature/nickname", commit: feature,
		prID: 2, prDest: "main", triggerer: employee.DaveUUID})
	wantSteps(t, res, "Review and plan migrations")
	wantOutput(t, res[0], "no problems", employee.NicknameFile)
	if _, err := os.Stat(filepath.Join(res[0].dir, "test-results", "dbcd-review.xml")); err != nil {
		t.Errorf("the review left no JUnit report for the Tests tab: %v", err)
	}
	wantRequest(t, s, `PUT /2.0/repositories/acme/employee-db/commit/`+feature+`/reports/dbcd-review auth=none 200 `, `"result":"PASSED"`)
	wantRequest(t, s, `POST /2.0/repositories/acme/employee-db/pullrequests/2/comments auth=bearer 201 `, "")

	// Approved by the owner and a DBA, merged; the main pipeline applies it.
	bb.approve(2, "olivia", "dana")
	gitRun(t, dev, "checkout", "-q", "main")
	gitRun(t, dev, "pull", "-q", "origin", "main")
	gitRun(t, dev, "merge", "-q", "--no-ff", "-m", "Merge pull request #2: add nick_name", "feature/nickname")
	gitRun(t, dev, "push", "-q", "origin", "main")
	merge := gitRun(t, dev, "rev-parse", "HEAD")
	bb.merged(2)
	bb.link(2, merge)
	mainRun.commit = merge
	res = s.run(mainRun)
	wantSteps(t, res, "Apply to test", "Apply to production")
	wantOutput(t, res[0], "applied", "bytebase/test/"+employee.NicknameFile)
	wantOutput(t, res[1], "applied", "bytebase/prod/"+employee.NicknameFile)
	latest := gitRun(t, dev, "--git-dir", s.remote, "show", "main:bytebase/prod/.employee##LATEST.sql")
	if !strings.Contains(latest, "nick_name") {
		t.Errorf("the prod LATEST file on main lacks nick_name:\n%s", latest)
	}
	wantSkipCI(t, s.remote, merge)

	// Downstream: a pipeline on the write-back commit (as a changeset
	// condition on the LATEST files would start, with [skip ci] taken out)
	// applies nothing and writes back nothing.
	head := gitRun(t, dev, "--git-dir", s.remote, "rev-parse", "main")
	mainRun.commit = head
	res = s.run(mainRun)
	wantSteps(t, res, "Apply to test", "Apply to production")
	if now := gitRun(t, dev, "--git-dir", s.remote, "rev-parse", "main"); now != head {
		t.Errorf("a pipeline on the write-back commit pushed again (main %s, now %s)", head, now)
	}

	// The prod rollout fanned out over parallel steps, run by dana.
	res = s.run(runSpec{pipeline: "custom/prod-fleet", branch: "main", commit: head, triggerer: employee.DanaUUID})
	wantSteps(t, res, "Apply prod, shard 1 of 3", "Apply prod, shard 2 of 3", "Apply prod, shard 3 of 3", "Write back prod")

	// The nightly drift check passes, then fails on a column added by hand.
	drift := runSpec{pipeline: "custom/drift", branch: "main", commit: head, triggerer: employee.DaveUUID}
	res = s.run(drift)
	wantSteps(t, res, "Drift on test", "Drift on prod")
	prodDB.Exec(t, `ALTER TABLE "public"."employee" ADD COLUMN "city" text NOT NULL DEFAULT ''`)
	drift.expect = map[string]int{"Drift on prod": exitFailed}
	res = s.run(drift)
	wantSteps(t, res, "Drift on test", "Drift on prod")
	wantOutput(t, res[1], "public.employee.city")

	s.checkCoverage()
	for _, r := range res {
		if strings.Contains(r.output, cluster.Password()) || strings.Contains(r.output, employee.Token) {
			t.Errorf("step %q printed a secret", r.name)
		}
	}
}

// bbState edits the fake's state between pipelines.
type bbState struct {
	t    *testing.T
	path string
}

func (b *bbState) pullRequest(id string, pr bbfake.PullRequest) {
	b.t.Helper()
	err := bbfake.Update(b.path, func(s *bbfake.State) error {
		if s.PullRequests == nil {
			s.PullRequests = map[string]*bbfake.PullRequest{}
		}
		s.PullRequests[id] = &pr
		return nil
	})
	if err != nil {
		b.t.Fatal(err)
	}
}

func (b *bbState) link(pr int, commit string) {
	b.t.Helper()
	if err := bbfake.Link(b.path, pr, commit); err != nil {
		b.t.Fatal(err)
	}
}

func (b *bbState) approve(pr int, users ...string) {
	b.t.Helper()
	for _, u := range users {
		if err := bbfake.Approve(b.path, pr, u, true); err != nil {
			b.t.Fatal(err)
		}
	}
}

func (b *bbState) merged(pr int) {
	b.t.Helper()
	if err := bbfake.SetState(b.path, pr, "MERGED"); err != nil {
		b.t.Fatal(err)
	}
}

// wantSteps checks which steps ran, in order.
func wantSteps(t *testing.T, res []*stepResult, names ...string) {
	t.Helper()
	var got []string
	for _, r := range res {
		got = append(got, r.name)
	}
	if strings.Join(got, ", ") != strings.Join(names, ", ") {
		t.Fatalf("steps run: %s\nwant: %s", strings.Join(got, ", "), strings.Join(names, ", "))
	}
}

// wantOutput checks that a step's output holds every text.
func wantOutput(t *testing.T, r *stepResult, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(r.output, s) {
			t.Errorf("step %q: output lacks %q", r.name, s)
		}
	}
}

// wantRequest checks that the fake logged a request line starting with
// prefix and containing text.
func wantRequest(t *testing.T, s *pipelineSim, prefix, text string) {
	t.Helper()
	b, _ := os.ReadFile(filepath.Join(s.root, "bitbucket.log"))
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, prefix) && strings.Contains(line, text) {
			return
		}
	}
	t.Errorf("the fake Bitbucket API got no request %q with %q; it got:\n%s", prefix, text, b)
}

// wantSkipCI checks that every commit on the remote's main after since
// carries [skip ci], so Bitbucket starts no pipeline for it.
func wantSkipCI(t *testing.T, remote, since string) {
	t.Helper()
	log := gitRun(t, filepath.Dir(remote), "--git-dir", remote, "log", "--format=%s", since+"..main")
	if log == "" {
		t.Errorf("no write-back commit after %.12s", since)
	}
	for _, subject := range strings.Split(log, "\n") {
		if subject != "" && !strings.Contains(subject, "[skip ci]") {
			t.Errorf("commit %q on main lacks [skip ci]: Bitbucket would run the pipeline again", subject)
		}
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
