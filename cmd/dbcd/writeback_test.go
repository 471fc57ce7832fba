package main

import (
	"fmt"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/dbcd/dbcd/internal/writeback"
)

func TestWritebackPushOptions(t *testing.T) {
	cfg := &config.Config{Writeback: config.Writeback{Branch: "main"}}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	const origin = "http://bitbucket.org/ws/repo"
	for _, tc := range []struct {
		name             string
		vars             map[string]string
		url, proxy, user string
		password         string
	}{
		{"terminal", nil, "", "", "", ""},
		{"terminal with token", map[string]string{"BITBUCKET_ACCESS_TOKEN": "tok"}, "", "", "x-token-auth", "tok"},
		{"pipelines", map[string]string{"BITBUCKET_BUILD_NUMBER": "7", "BITBUCKET_GIT_HTTP_ORIGIN": origin}, origin, "http://localhost:29418", "", ""},
		{"pipelines ignore the token", map[string]string{"BITBUCKET_BUILD_NUMBER": "7", "BITBUCKET_GIT_HTTP_ORIGIN": origin, "BITBUCKET_ACCESS_TOKEN": "tok"}, origin, "http://localhost:29418", "", ""},
		{"pipe", map[string]string{"BITBUCKET_BUILD_NUMBER": "7", "BITBUCKET_GIT_HTTP_ORIGIN": origin, "BITBUCKET_PIPE_STORAGE_DIR": "/x"}, origin, "http://host.docker.internal:29418", "", ""},
	} {
		po := pushOptions(cfg, env(tc.vars))
		if po.Branch != "main" || po.URL != tc.url || po.ProxyURL != tc.proxy || po.Remote != "" || po.User != tc.user || po.Password != tc.password {
			t.Errorf("%s: %+v", tc.name, po)
		}
	}
}

// TestWritebackErrors: every push failure exits 3; a refused push names
// the branch and the fix, for branch restrictions and for credentials.
func TestWritebackErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		code int
		want []string
	}{
		{"restriction", &writeback.RefusedError{Branch: "main", Remote: "origin", Reason: "pre-receive hook declined"}, exitRuntime,
			[]string{"refused the push to branch main", "hint: branch main does not accept", "branch restrictions", "writeback.branch"}},
		{"credentials", &writeback.RefusedError{Branch: "release", Remote: "origin", Reason: "authentication required", Auth: true}, exitRuntime,
			[]string{"branch release", "BITBUCKET_ACCESS_TOKEN", "x-token-auth"}},
		{"shallow", fmt.Errorf("%w: ... clone:\n    depth: full", writeback.ErrShallowClone), exitRuntime, []string{"depth: full"}},
		{"gave up", fmt.Errorf("%w: kept moving", writeback.ErrPushRejected), exitRuntime, []string{"kept moving"}},
		{"template", fmt.Errorf("%q: %w", "../x", writeback.ErrPathEscapes), exitInput, []string{"migrations.schema_template"}},
	} {
		err := writebackError(tc.err)
		if code := exitCode(err); code != tc.code {
			t.Errorf("%s: exit %d, want %d", tc.name, code, tc.code)
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: message lacks %q:\n%s", tc.name, w, err)
			}
		}
	}
}

// TestWritebackPushWithAccessToken drives dbcd writeback --push against a
// bare repository served over HTTP (git http-backend) that wants basic auth
// as x-token-auth: a wrong token exits 3 with the credentials hint and is
// never printed; the right one pushes.
func TestWritebackPushWithAccessToken(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on PATH")
	}
	db := pgtest.New(t)
	dir := writeTree(t, map[string]string{
		"dbcd.yaml": "migrations:\n  dir: bytebase\nstages:\n  - name: test\n    targets:\n      - { db: employee, url: \"${TEST_URL}\" }\n",
		"bytebase/test/employee##1##ddl##create.sql": "CREATE TABLE employee (id int PRIMARY KEY);\n",
	})
	bare := filepath.Join(t.TempDir(), "remote.git")
	wbGit(t, dir, "init", "-q", "--bare", "-b", "main", bare)
	wbGit(t, dir, "init", "-q", "-b", "main")
	wbGit(t, dir, "add", "-A")
	wbGit(t, dir, "commit", "-q", "-m", "initial")
	wbGit(t, dir, "push", "-q", bare, "main")
	const token = "bbtok-Zq8x-secret"
	var (
		mu   sync.Mutex
		seen []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		mu.Lock()
		seen = append(seen, u+":"+p)
		mu.Unlock()
		if !ok || u != "x-token-auth" || p != token {
			w.Header().Set("WWW-Authenticate", `Basic realm="bitbucket"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		backend := filepath.Join(strings.TrimSpace(wbGit(t, dir, "--exec-path")), "git-http-backend")
		(&cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + filepath.Dir(bare), "GIT_HTTP_EXPORT_ALL=1", "REMOTE_USER=" + u}}).ServeHTTP(w, r)
	}))
	defer srv.Close()
	wbGit(t, dir, "remote", "add", "origin", srv.URL+"/remote.git")

	env := baseEnv("TEST_URL", db.URL(), "BITBUCKET_ACCESS_TOKEN", "wrong-"+token)
	if code, out, errOut := runIn(t, dir, env, "apply", "--stage", "test"); code != 0 {
		t.Fatalf("apply: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runIn(t, dir, env, "writeback", "--stage", "test", "--push")
	if code != exitRuntime || !strings.Contains(errOut, "refused the push to branch main") || !strings.Contains(errOut, "hint: the remote wants credentials") {
		t.Errorf("wrong token: exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, token) {
		t.Errorf("the token was printed:\n%s%s", out, errOut)
	}

	mu.Lock()
	seen = nil
	mu.Unlock()
	env["BITBUCKET_ACCESS_TOKEN"] = token
	code, out, errOut = runIn(t, dir, env, "writeback", "--stage", "test", "--push")
	if code != 0 || !strings.Contains(out, "pushed 1 commit(s) to main") {
		t.Fatalf("right token: exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, token) {
		t.Errorf("the token was printed:\n%s%s", out, errOut)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, c := range seen {
		if c != "x-token-auth:"+token && c != ":" {
			t.Errorf("server saw credentials %q", c)
		}
	}
	if got := wbGit(t, dir, "--git-dir="+bare, "show", "main:bytebase/test/.employee##LATEST.sql"); !strings.Contains(got, "CREATE TABLE public.employee") {
		t.Errorf("remote LATEST file:\n%s", got)
	}
}

// wbGit runs the git command line in dir.
func wbGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=dev", "GIT_AUTHOR_EMAIL=dev@example.com",
		"GIT_COMMITTER_NAME=dev", "GIT_COMMITTER_EMAIL=dev@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestWritebackSchemaPath(t *testing.T) {
	cfg := &config.Config{Migrations: config.Migrations{Dir: "bytebase"}}
	if p, err := schemaPath(cfg, "prod", "employee"); err != nil || p != "bytebase/prod/.employee##LATEST.sql" {
		t.Fatalf("default: %q %v", p, err)
	}
	cfg.Migrations.SchemaTemplate = "latest/{{DB_NAME}}.sql"
	if p, err := schemaPath(cfg, "prod", "employee"); err != nil || p != "bytebase/latest/employee.sql" {
		t.Fatalf("without ENV_ID: %q %v", p, err)
	}
	for _, db := range []string{"../../etc", "/abs", `a\b`} {
		cfg.Migrations.SchemaTemplate = "{{DB_NAME}}/x.sql"
		if db == "/abs" {
			cfg.Migrations.SchemaTemplate = "{{DB_NAME}}"
		}
		if p, err := schemaPath(cfg, "prod", db); err == nil {
			t.Errorf("db %q: accepted %q", db, p)
		}
	}
}

func TestWritebackHighestVersion(t *testing.T) {
	rows := []history.Row{
		{DB: "employee", Version: "1.10", Status: history.StatusDone},
		{DB: "employee", Version: "1.9", Status: history.StatusDone},
		{DB: "employee", Version: "2", Status: history.StatusFailed},
		{DB: "other", Version: "3", Status: history.StatusDone},
	}
	if got := highestVersion(rows, "employee"); got != "1.10" {
		t.Fatalf("got %q", got)
	}
	if got := highestVersion(nil, "employee"); got != "none" {
		t.Fatalf("got %q", got)
	}
}
