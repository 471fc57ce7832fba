package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dbcd/dbcd/internal/iostreams"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// Bitbucket accounts of the approval tests.
const (
	authorID = "557058:a0a0a0a0-0001"
	ownerID  = "557058:0b0b0b0b-0002"
	dbaUUID  = "{d0d0d0d0-1111-2222-3333-444455556666}"
	bothUUID = "{b0b0b0b0-1111-2222-3333-444455556666}" // in owner and dba
	devUUID  = "{de7de7de-1111-2222-3333-444455556666}" // in no role
	botID    = "557058:70c0c0c0-0003"
	apiToken = "bb-token-SECRET-42"
)

// fakeBitbucket serves the pull request API for one pull request (#7),
// checking each request's path and credentials.
type fakeBitbucket struct {
	t   *testing.T
	mu  sync.Mutex
	srv *httptest.Server
	// approvers are the users approving PR #7 now.
	approvers []map[string]string
	// commits are the commits asked for, in order.
	commits []string
}

func newFakeBitbucket(t *testing.T) *fakeBitbucket {
	f := &fakeBitbucket{t: t}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeBitbucket) approve(users ...map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.approvers = users
}

func bbUser(id string) map[string]string {
	if strings.HasPrefix(id, "{") {
		return map[string]string{"uuid": id, "display_name": "user " + id[1:5]}
	}
	return map[string]string{"account_id": id, "display_name": "user " + id[7:12]}
}

func (f *fakeBitbucket) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if got := r.Header.Get("Authorization"); got != "Bearer "+apiToken {
		f.t.Errorf("%s %s: Authorization %q", r.Method, r.URL.Path, got)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	const repo = "/2.0/repositories/acme/db"
	w.Header().Set("Content-Type", "application/json")
	switch p := r.URL.Path; {
	case r.Method == http.MethodGet && strings.HasPrefix(p, "/2.0/users/"):
		// The triggerer's uuid resolved to its account.
		_ = json.NewEncoder(w).Encode(map[string]any{"uuid": strings.TrimPrefix(p, "/2.0/users/"), "account_id": "557058:e0e0e0e0-0009"})
	case r.Method == http.MethodGet && p == "/2.0/user":
		_ = json.NewEncoder(w).Encode(map[string]any{"account_id": botID, "display_name": "dbcd bot"})
	case r.Method == http.MethodGet && strings.HasPrefix(p, repo+"/commit/") && strings.HasSuffix(p, "/pullrequests"):
		f.commits = append(f.commits, strings.TrimSuffix(strings.TrimPrefix(p, repo+"/commit/"), "/pullrequests"))
		_ = json.NewEncoder(w).Encode(map[string]any{"values": []any{map[string]any{"id": 7, "state": "MERGED"}}})
	case r.Method == http.MethodGet && p == repo+"/pullrequests/7":
		var parts []any
		for _, u := range f.approvers {
			parts = append(parts, map[string]any{"user": u, "role": "REVIEWER", "approved": true, "state": "approved"})
		}
		// A reviewer who did not approve never counts.
		parts = append(parts, map[string]any{"user": bbUser(devUUID), "role": "REVIEWER", "approved": false})
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": 7, "title": "add country", "state": "MERGED", "author": bbUser(authorID), "participants": parts,
			"links": map[string]any{"html": map[string]any{"href": "https://bitbucket.org/acme/db/pull-requests/7"}},
		})
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL.String())
		w.WriteHeader(http.StatusNotFound)
	}
}

const approvalConfig = `migrations:
  dir: bytebase
  template: "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql"
  out_of_order: warn
stages:
  - name: test
    targets:
      - { db: employee, url: "${TEST_URL}" }
  - name: prod
    after: [test]
    rollout: { manual: true, roles: [dba] }
    targets:
      - { db: employee, url: "${PROD_URL}" }
roles:
  owner: ["` + ownerID + `", "` + authorID + `", "` + bothUUID + `"]
  dba: ["` + dbaUUID + `", "` + bothUUID + `"]
risk:
  - { level: high, when: 'environment_id == "prod" && change_type == "ddl"' }
approval:
  high: [owner, dba]
`

// gitRepo makes dir a git repository with everything committed, and
// returns the commit.
func gitRepo(t *testing.T, dir, msg string) string {
	t.Helper()
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", msg}} {
		if args[0] == "init" {
			if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
				continue
			}
		}
		gitIn(t, dir, args...)
	}
	return strings.TrimSpace(gitIn(t, dir, "rev-parse", "HEAD"))
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// TestApplyApprovalsAndRolloutRoles walks the approval flow owner -> dba for
// a high-risk file in prod, with the evidence read from a fake Bitbucket.
func TestApplyApprovalsAndRolloutRoles(t *testing.T) {
	bb := newFakeBitbucket(t)
	testDB, prodDB := pgtest.New(t), pgtest.New(t)
	dir := writeTree(t, map[string]string{
		"dbcd.yaml":                             approvalConfig,
		"bytebase/employee##1##ddl##create.sql": "CREATE TABLE employee (id int PRIMARY KEY);\n",
	})
	first := gitRepo(t, dir, "create employee")
	env := baseEnv("TEST_URL", testDB.URL(), "PROD_URL", prodDB.URL())
	pipeline := func(triggerer string) map[string]string {
		e := baseEnv("TEST_URL", testDB.URL(), "PROD_URL", prodDB.URL(),
			"BITBUCKET_BUILD_NUMBER", "12", "BITBUCKET_COMMIT", "feedface", "BITBUCKET_REPO_FULL_NAME", "acme/db",
			"BITBUCKET_ACCESS_TOKEN", apiToken, "DBCD_BITBUCKET_API_URL", bb.srv.URL+"/2.0",
			"BITBUCKET_STEP_TRIGGERER_UUID", triggerer)
		return e
	}
	bb.approve(bbUser(ownerID), bbUser(dbaUUID))
	for _, stage := range []string{"test", "prod"} {
		if code, out, errOut := runIn(t, dir, pipeline(dbaUUID), "apply", "--stage", stage); code != 0 {
			t.Fatalf("apply %s (create): exit %d\n%s\n%s", stage, code, out, errOut)
		}
	}
	if len(bb.commits) != 1 || bb.commits[0] != first {
		t.Fatalf("pull request lookups %v, want the commit that added the file (%s)", bb.commits, first)
	}
	if err := os.WriteFile(filepath.Join(dir, "bytebase/employee##2##ddl##add_country.sql"),
		[]byte("-- a country per employee\nALTER TABLE employee ADD COLUMN country text NOT NULL DEFAULT '';\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := gitRepo(t, dir, "add country")
	bb.approve()
	if code, out, errOut := runIn(t, dir, env, "apply", "--stage", "test"); code != 0 {
		t.Fatalf("apply test: exit %d\n%s\n%s", code, out, errOut)
	}
	refuse := func(name, triggerer string, want ...string) {
		t.Helper()
		code, out, errOut := runIn(t, dir, pipeline(triggerer), "apply", "--stage", "prod")
		all := out + errOut
		if code != 1 {
			t.Fatalf("%s: exit %d, want 1\n%s", name, code, all)
		}
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: output lacks %q\n%s", name, w, all)
			}
		}
		if strings.Contains(all, apiToken) {
			t.Errorf("%s: the token leaked", name)
		}
		if n := pgtest.QueryValue[int64](t, prodDB, `SELECT count(*) FROM information_schema.columns WHERE table_name = 'employee' AND column_name = 'country'`); n != 0 {
			t.Fatalf("%s: the column was added", name)
		}
	}
	refuse("no approvals", dbaUUID, "needs approval by owner, dba", "https://bitbucket.org/acme/db/pull-requests/7", "high risk")
	bb.approve(bbUser(authorID), bbUser(dbaUUID))
	refuse("author's own approval", dbaUUID, "needs approval by owner on https://bitbucket.org/acme/db/pull-requests/7")
	bb.approve(bbUser(bothUUID))
	refuse("one person, two roles", dbaUUID, "needs approval by ")
	bb.approve(bbUser(botID), bbUser(dbaUUID))
	refuse("the token's own approval", dbaUUID, "needs approval by owner")
	bb.approve(bbUser(ownerID), bbUser(dbaUUID))
	refuse("triggerer outside the rollout roles", devUUID, devUUID+" (BITBUCKET_STEP_TRIGGERER_UUID) is not in the rollout roles dba")
	refuse("automatic step", "", "nobody is identified")

	code, out, errOut := runIn(t, dir, pipeline(dbaUUID), "apply", "--stage", "prod")
	if code != 0 {
		t.Fatalf("approved apply: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := pgtest.QueryValue[string](t, prodDB, `SELECT applied_by || ' ' || status FROM dbcd.migration_history WHERE version = '2'`); got != dbaUUID+" done" {
		t.Errorf("history row = %q", got)
	}
	for _, c := range bb.commits[1:] {
		if c != second {
			t.Errorf("looked up commit %s, want %s (the one that added the file)", c, second)
		}
	}
}

const threeTargets = `migrations:
  dir: bytebase
stages:
  - name: prod
    rollout: { waves: ["1", "100%"], parallel: 2 }
    targets:
      - { name: eu, db: employee, url: "${EU_URL}" }
      - { name: us, db: employee, url: "${US_URL}" }
      - { name: asia, db: employee, url: "${ASIA_URL}" }
`

// TestPlanThreeTargets plans a stage of three targets in different states
// and checks the text, json (against the shipped schema) and junit forms.
func TestPlanThreeTargets(t *testing.T) {
	eu, us, asia := pgtest.New(t), pgtest.New(t), pgtest.New(t)
	dir := writeTree(t, map[string]string{
		"dbcd.yaml": threeTargets,
		"bytebase/prod/employee##1##ddl##create.sql": "CREATE TABLE employee (id int PRIMARY KEY, name text NOT NULL);\n" +
			"INSERT INTO employee SELECT g, 'n' || g FROM generate_series(1, 100) g;\n",
	})
	env := baseEnv("EU_URL", eu.URL(), "US_URL", us.URL(), "ASIA_URL", asia.URL())
	if code, out, errOut := runIn(t, dir, env, "apply", "--stage", "prod", "--target", "eu"); code != 0 {
		t.Fatalf("apply eu: exit %d\n%s\n%s", code, out, errOut)
	}
	for name, body := range map[string]string{
		"bytebase/prod/employee##2##ddl##index_name.sql":   "CREATE INDEX CONCURRENTLY idx_employee_name ON employee (name);\n",
		"bytebase/prod/employee##3##ddl##add_country.sql":  "ALTER TABLE employee ADD COLUMN country text NOT NULL DEFAULT '';\n",
		"bytebase/prod/employee##4##dml##fill_country.sql": "UPDATE employee SET country = 'NL' WHERE id < 10;\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	asia.Exec(t, "CREATE TABLE employee (id int PRIMARY KEY)") // someone got there first
	code, out, errOut := runIn(t, dir, env, "plan", "--stage", "prod", "--shadow-here")
	if code != 1 {
		t.Fatalf("plan: exit %d, want 1 (asia is blocked)\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"dbcd plan: stage prod", "rollout: automatic",
		"eu  db employee  ready", "us  db employee  ready", "asia  db employee  blocked",
		"#  FILE", "employee##2##ddl##index_name.sql", "SHARE UPDATE EXCLUSIVE +scan (no-tx)", "moderate", // ALTER TABLE is moderate by default
		"line 1 ALTER_TABLE: ACCESS EXCLUSIVE on public.employee blocks reads and writes, held briefly (no rewrite, no scan)",
		"shadow run: ok, 2 schema change(s)", "public.employee.country", "+CREATE INDEX idx_employee_name ON public.employee USING btree (name);",
		"shadow run failed: ", "bytebase/prod/employee##1##ddl##create.sql:1:1",
		"3 target(s): 2 ready, 1 blocked; 11 pending file(s), highest risk moderate",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan text lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("plan text:\n%s", out)
	}
	if os.Getenv("DBCD_SHOW_PLAN") != "" {
		fmt.Println(out)
	}
	code, js, errOut := runIn(t, dir, env, "plan", "--stage", "prod", "--format", "json")
	if code != 0 {
		t.Fatalf("plan json: exit %d\n%s", code, errOut)
	}
	validateJSON(t, "../../internal/report/schema/plan.schema.json", js)
	var doc struct {
		Targets []struct {
			Name, Status string
			Files        []struct {
				Path string
				Risk struct{ Level, Reason string }
				Lock string
			}
		}
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Targets) != 3 || len(doc.Targets[0].Files) != 3 || doc.Targets[0].Files[1].Risk.Level != "moderate" ||
		doc.Targets[0].Files[0].Lock != "SHARE UPDATE EXCLUSIVE" || doc.Targets[2].Status != "ready" { // only a shadow run finds asia's conflict
		t.Errorf("plan json = %s", js)
	}
	code, xml, _ := runIn(t, dir, env, "plan", "--stage", "prod", "--format", "junit", "--shadow-here")
	if code != 1 || !strings.Contains(xml, `<testsuite name="prod/asia"`) || !strings.Contains(xml, `failures="1"`) {
		t.Errorf("plan junit: exit %d\n%s", code, xml)
	}
}

// TestApplyRefusesStalePlan writes a plan, changes what it pinned, and
// checks that apply --plan refuses, naming the change.
func TestApplyRefusesStalePlan(t *testing.T) {
	db := pgtest.New(t)
	dir := writeTree(t, map[string]string{
		"dbcd.yaml": `stages:
  - name: prod
    targets:
      - { db: employee, url: "${PROD_URL}" }
`,
		"bytebase/prod/employee##1##ddl##create.sql": "CREATE TABLE employee (id int PRIMARY KEY);\n",
	})
	env := baseEnv("PROD_URL", db.URL())
	planFile := filepath.Join(dir, "plan.json")
	if code, out, errOut := runIn(t, dir, env, "plan", "--stage", "prod", "--out", planFile); code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", code, out, errOut)
	}
	// Unchanged: apply --plan goes ahead.
	if code, out, errOut := runIn(t, dir, env, "apply", "--stage", "prod", "--plan", planFile); code != 0 {
		t.Fatalf("apply --plan (fresh): exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := runIn(t, dir, env, "plan", "--stage", "prod", "--out", planFile); code != 0 {
		t.Fatal(errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "bytebase/prod/employee##2##ddl##add.sql"), []byte("ALTER TABLE employee ADD COLUMN a int;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db.Exec(t, "CREATE TABLE audit (id int)")
	code, out, errOut := runIn(t, dir, env, "apply", "--stage", "prod", "--plan", planFile)
	all := out + errOut
	if code != 1 {
		t.Fatalf("stale plan: exit %d\n%s", code, all)
	}
	for _, want := range []string{"stale plan", "employee##2##ddl##add.sql is pending now but was not in the plan", "schema changed since the plan"} {
		if !strings.Contains(all, want) {
			t.Errorf("output lacks %q\n%s", want, all)
		}
	}
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM dbcd.migration_history`); n != 1 {
		t.Errorf("history rows = %d, want 1 (nothing applied)", n)
	}
	if code, _, errOut := runIn(t, dir, env, "apply", "--stage", "prod", "--plan", filepath.Join(dir, "dbcd.yaml")); code != 2 || !strings.Contains(errOut, "not a dbcd plan") {
		t.Errorf("not a plan: exit %d\n%s", code, errOut)
	}
}

// TestPlanShadowCatchesFailure applies a file that fails only against the
// real schema (a column that exists) in a shadow database: plan reports the
// file and line, and the target itself is untouched.
func TestPlanShadowCatchesFailure(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, "CREATE TABLE employee (id int PRIMARY KEY, nick_name text)")
	dir := writeTree(t, map[string]string{
		"dbcd.yaml": `stages:
  - name: prod
    targets:
      - { db: employee, url: "${PROD_URL}" }
`,
		"bytebase/prod/employee##1##ddl##add_nick.sql": "-- someone already added it by hand\n\nALTER TABLE employee\n  ADD COLUMN nick_name text;\n",
	})
	env := baseEnv("PROD_URL", db.URL())
	code, out, errOut := runIn(t, dir, env, "plan", "--stage", "prod", "--shadow", db.URL())
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"shadow run failed", "bytebase/prod/employee##1##ddl##add_nick.sql:3:1", `column "nick_name" of relation "employee" already exists`} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, db.URL()) {
		t.Error("the URL with its password leaked")
	}
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM pg_database WHERE datname LIKE 'dbcd_shadow_%'`); n != 0 {
		t.Errorf("%d shadow databases left behind", n)
	}
}

// TestPlanInPullRequestPipeline runs plan as a pull-request step: it
// publishes a Code Insights report on the commit and comments the plan on
// the pull request once, updating that comment on the next run.
func TestPlanInPullRequestPipeline(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	comments := map[int]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, r.Method+" "+r.URL.Path)
		var body struct {
			Content struct{ Raw string } `json:"content"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		const prc = "/2.0/repositories/acme/db/pullrequests/9/comments"
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.Contains(r.URL.Path, "/reports/"):
			if r.Header.Get("Authorization") != "" {
				t.Errorf("Code Insights request carries credentials")
			}
			if r.Method == http.MethodDelete {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			_, _ = w.Write([]byte(`{}`))
		case r.URL.Path == prc && r.Method == http.MethodGet:
			var vals []any
			for id, raw := range comments {
				vals = append(vals, map[string]any{"id": id, "content": map[string]any{"raw": raw}, "deleted": false})
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"values": vals})
		case r.URL.Path == prc && r.Method == http.MethodPost:
			if r.Header.Get("Authorization") != "Bearer "+apiToken {
				t.Errorf("comment without the token")
			}
			comments[100+len(comments)] = body.Content.Raw
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id": 100}`))
		case strings.HasPrefix(r.URL.Path, prc+"/") && r.Method == http.MethodPut:
			var id int
			_, _ = fmt.Sscan(strings.TrimPrefix(r.URL.Path, prc+"/"), &id)
			comments[id] = body.Content.Raw
			_, _ = w.Write([]byte(`{}`))
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	db := pgtest.New(t)
	dir := writeTree(t, map[string]string{
		"dbcd.yaml": `stages:
  - name: prod
    targets:
      - { db: employee, url: "${PROD_URL}" }
`,
		"bytebase/prod/employee##1##ddl##create.sql": "CREATE TABLE employee (id int PRIMARY KEY);\n",
	})
	env := baseEnv("PROD_URL", db.URL(), "BITBUCKET_BUILD_NUMBER", "5", "BITBUCKET_COMMIT", "abcdef0123", "BITBUCKET_PR_ID", "9",
		"BITBUCKET_REPO_FULL_NAME", "acme/db", "BITBUCKET_ACCESS_TOKEN", apiToken, "DBCD_BITBUCKET_API_URL", srv.URL+"/2.0")
	for run := 1; run <= 2; run++ {
		if code, out, errOut := runIn(t, dir, env, "plan", "--stage", "prod"); code != 0 {
			t.Fatalf("plan run %d: exit %d\n%s\n%s", run, code, out, errOut)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(comments) != 1 {
		t.Fatalf("comments = %v, want one updated in place\ncalls:\n%s", comments, strings.Join(calls, "\n"))
	}
	for _, c := range comments {
		if !strings.Contains(c, "dbcd plan: stage `prod`") || !strings.Contains(c, "`bytebase/prod/employee##1##ddl##create.sql`") {
			t.Errorf("comment = %s", c)
		}
	}
	joined := strings.Join(calls, "\n")
	for _, want := range []string{"PUT /2.0/repositories/acme/db/commit/abcdef0123/reports/dbcd-plan-prod", "POST /2.0/repositories/acme/db/pullrequests/9/comments", "PUT /2.0/repositories/acme/db/pullrequests/9/comments/100"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q in\n%s", want, joined)
		}
	}
}

// TestApplyManualStageOutsidePipelines: --i-am must name a rollout role
// member, and a person confirms on a terminal; without one apply refuses.
func TestApplyManualStageOutsidePipelines(t *testing.T) {
	db := pgtest.New(t)
	dir := writeTree(t, map[string]string{
		"dbcd.yaml": `stages:
  - name: prod
    rollout: { manual: true, roles: [dba] }
    targets:
      - { db: employee, url: "${PROD_URL}" }
roles:
  dba: ["` + dbaUUID + `"]
`,
		"bytebase/prod/employee##1##ddl##create.sql": "CREATE TABLE employee (id int PRIMARY KEY);\n",
	})
	env := baseEnv("PROD_URL", db.URL())
	if code, out, errOut := runIn(t, dir, env, "apply", "--stage", "prod"); code != 1 || !strings.Contains(out+errOut, "pass --i-am") {
		t.Errorf("no --i-am: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runIn(t, dir, env, "apply", "--stage", "prod", "--i-am", devUUID); code != 1 || !strings.Contains(out+errOut, "is not in the rollout roles dba") {
		t.Errorf("--i-am outsider: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runIn(t, dir, env, "apply", "--stage", "prod", "--i-am", dbaUUID); code != 1 || !strings.Contains(out+errOut, "standard input is not one") {
		t.Errorf("not a terminal: exit %d\n%s%s", code, out, errOut)
	}
	tty := func(answer string) (int, string) {
		streams, in, out, errOut := iostreams.Test()
		streams.SetTTY(true, false, false)
		in.WriteString(answer)
		wd, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = os.Chdir(wd) }()
		code := run([]string{"apply", "--stage", "prod", "--i-am", dbaUUID}, streams, func(k string) string { return env[k] })
		return code, out.String() + errOut.String()
	}
	if code, all := tty("yes\n"); code != 1 || !strings.Contains(all, "Type the stage name to confirm") || !strings.Contains(all, "not confirmed") {
		t.Errorf("wrong confirmation: exit %d\n%s", code, all)
	}
	if code, all := tty("prod\n"); code != 0 {
		t.Errorf("confirmed: exit %d\n%s", code, all)
	}
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM dbcd.migration_history WHERE status = 'done'`); n != 1 {
		t.Errorf("done rows = %d", n)
	}
}
