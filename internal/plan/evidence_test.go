package plan

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/bitbucket"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestEvidenceInPullRequestPipeline: in a pull-request pipeline only the
// files the pull request changes are credited to it; a file already on
// the destination branch is credited to the merged pull request of the
// commit that last changed it there.
func TestEvidenceInPullRequestPipeline(t *testing.T) {
	remote, dir := t.TempDir(), t.TempDir()
	git(t, remote, "init", "-q", "--bare", "-b", "main")
	git(t, dir, "init", "-q", "-b", "main")
	write := func(p, body string) {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("db/a.sql", "create table a (id int);\n")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "merge PR #3")
	onMain := git(t, dir, "rev-parse", "HEAD")
	git(t, dir, "remote", "add", "origin", remote)
	git(t, dir, "push", "-q", "origin", "main")
	git(t, dir, "fetch", "-q", "origin")
	git(t, dir, "checkout", "-q", "-b", "feature")
	write("db/b.sql", "drop table a;\n")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "PR #9")

	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		pr := func(id int, dest string) map[string]any {
			return map[string]any{"id": id, "state": "MERGED", "author": map[string]any{"account_id": "557058:a0a0a0a0-0001"},
				"destination": map[string]any{"branch": map[string]any{"name": dest}},
				"links":       map[string]any{"html": map[string]any{"href": "https://bitbucket.org/acme/db/pull-requests/" + string(rune('0'+id))}}}
		}
		switch p := r.URL.Path; p {
		case "/2.0/user":
			w.WriteHeader(http.StatusForbidden)
		case "/2.0/repositories/acme/db/commit/" + onMain + "/pullrequests":
			_ = json.NewEncoder(w).Encode(map[string]any{"values": []any{pr(3, "main")}})
		case "/2.0/repositories/acme/db/pullrequests/3":
			_ = json.NewEncoder(w).Encode(pr(3, "main"))
		case "/2.0/repositories/acme/db/pullrequests/9":
			p9 := pr(9, "main")
			p9["state"] = "OPEN"
			_ = json.NewEncoder(w).Encode(p9)
		default:
			t.Errorf("unexpected %s", p)
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	env := bitbucket.FromEnv(func(k string) string {
		return map[string]string{"BITBUCKET_ACCESS_TOKEN": "tok", "BITBUCKET_REPO_FULL_NAME": "acme/db", "BITBUCKET_PR_ID": "9",
			"BITBUCKET_PR_DESTINATION_BRANCH": "main", "BITBUCKET_BRANCH": "feature", "BITBUCKET_BUILD_NUMBER": "1"}[k]
	})
	api, err := bitbucket.NewAPI(env, bitbucket.WithBaseURL(srv.URL+"/2.0"))
	if err != nil {
		t.Fatal(err)
	}
	ev := &BitbucketEvidence{API: api, Env: env, Dir: filepath.Join(dir, "db")}
	if err := ev.Prepare(context.Background(), []string{"a.sql", "b.sql"}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"a.sql": 3, "b.sql": 9} {
		got, err := ev.PullRequest(context.Background(), path)
		if err != nil || got.ID != want {
			t.Errorf("%s: %+v %v, want pull request #%d (asked %v)", path, got, err, want, asked)
		}
	}
}
