package bbfake

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testState = `{
  "token": "tok",
  "me": "bot",
  "users": {
    "dave": {"uuid": "{d}", "account_id": "1:d"},
    "olivia": {"uuid": "{o}", "account_id": "1:o"},
    "bot": {"uuid": "{b}", "account_id": "1:b"}
  },
  "pullrequests": {
    "2": {"title": "add country", "author": "dave", "source": "feature/country", "participants": [{"user": "olivia"}]}
  },
  "commits": {"abcdef0123456789": [2]}
}`

// start serves testState and returns the fake, its state file and a
// request helper.
func start(t *testing.T) (*Server, string, func(method, path, auth, body string) (int, string)) {
	t.Helper()
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	if err := os.WriteFile(state, []byte(testState), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Start(state, filepath.Join(dir, "log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	do := func(method, path, auth, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	return s, state, do
}

func TestPullRequestsAndApprovals(t *testing.T) {
	s, state, do := start(t)
	const repo = "/repositories/acme/db"

	if code, _ := do("GET", repo+"/pullrequests/2", "", ""); code != http.StatusUnauthorized {
		t.Errorf("without a token: %d, want 401", code)
	}
	if code, _ := do("GET", repo+"/pullrequests/2", "Bearer nope", ""); code != http.StatusUnauthorized {
		t.Errorf("with another token: %d, want 401", code)
	}
	code, body := do("GET", "/user", "Bearer tok", "")
	if code != 200 || !strings.Contains(body, `"uuid":"{b}"`) {
		t.Errorf("GET /user: %d %s", code, body)
	}
	code, body = do("GET", "/users/%7Bo%7D", "Bearer tok", "")
	if code != 200 || !strings.Contains(body, `"account_id":"1:o"`) {
		t.Errorf("GET /users/{o}: %d %s", code, body)
	}

	// A short hash finds the pull request; another commit none.
	code, body = do("GET", repo+"/commit/abcdef0/pullrequests", "Bearer tok", "")
	if code != 200 || !strings.Contains(body, `"id":2`) {
		t.Errorf("commit pull requests: %d %s", code, body)
	}
	code, body = do("GET", repo+"/commit/1234567/pullrequests", "Bearer tok", "")
	if code != 200 || !strings.Contains(body, `"values":[]`) {
		t.Errorf("unknown commit: %d %s", code, body)
	}

	if err := Approve(state, 2, "olivia", true); err != nil {
		t.Fatal(err)
	}
	if err := Link(state, 2, "*"); err != nil {
		t.Fatal(err)
	}
	if err := SetState(state, 2, "MERGED"); err != nil {
		t.Fatal(err)
	}
	var pr struct {
		ID     int    `json:"id"`
		State  string `json:"state"`
		Author struct {
			UUID string `json:"uuid"`
		} `json:"author"`
		Participants []struct {
			User struct {
				AccountID string `json:"account_id"`
			} `json:"user"`
			Role     string `json:"role"`
			Approved bool   `json:"approved"`
		} `json:"participants"`
		Links struct {
			HTML struct {
				Href string `json:"href"`
			} `json:"html"`
		} `json:"links"`
	}
	code, body = do("GET", repo+"/pullrequests/2", "Bearer tok", "")
	if err := json.Unmarshal([]byte(body), &pr); code != 200 || err != nil {
		t.Fatalf("GET pull request: %d %v %s", code, err, body)
	}
	if pr.ID != 2 || pr.State != "MERGED" || pr.Author.UUID != "{d}" || len(pr.Participants) != 1 ||
		!pr.Participants[0].Approved || pr.Participants[0].User.AccountID != "1:o" || pr.Participants[0].Role != "REVIEWER" ||
		pr.Links.HTML.Href != "https://bitbucket.org/acme/db/pull-requests/2" {
		t.Errorf("pull request = %+v", pr)
	}
	if _, body = do("GET", repo+"/commit/1234567/pullrequests", "Bearer tok", ""); !strings.Contains(body, `"id":2`) {
		t.Errorf(`"*" matches no commit: %s`, body)
	}

	b, _ := os.ReadFile(s.logPath)
	if !strings.Contains(string(b), "GET /2.0/repositories/acme/db/pullrequests/2 auth=none 401 -\n") ||
		!strings.Contains(string(b), "GET /2.0/repositories/acme/db/pullrequests/2 auth=bad-bearer 401 -\n") ||
		strings.Contains(string(b), "Bearer") {
		t.Errorf("log:\n%s", b)
	}
}

func TestCommentsAndInsights(t *testing.T) {
	s, _, do := start(t)
	const pr = "/repositories/acme/db/pullrequests/2/comments"
	code, body := do("POST", pr, "Bearer tok", `{"content":{"raw":"<!-- m -->\nplan v1"}}`)
	if code != http.StatusCreated || !strings.Contains(body, `"id":1`) {
		t.Fatalf("POST comment: %d %s", code, body)
	}
	if code, _ := do("PUT", pr+"/1", "Bearer tok", `{"content":{"raw":"<!-- m -->\nplan v2"}}`); code != 200 {
		t.Errorf("PUT comment: %d", code)
	}
	code, body = do("GET", pr, "Bearer tok", "")
	if code != 200 || !strings.Contains(body, "plan v2") || strings.Contains(body, "plan v1") {
		t.Errorf("GET comments: %d %s", code, body)
	}
	if code, _ := do("POST", pr, "Bearer tok", `{"text":"x"}`); code != http.StatusBadRequest {
		t.Errorf("bad comment body: %d, want 400", code)
	}

	const rep = "/repositories/acme/db/commit/abc/reports/dbcd-review"
	if code, _ := do("POST", rep+"/annotations", "", `[]`); code != http.StatusNotFound {
		t.Errorf("annotations before the report: %d, want 404", code)
	}
	if code, _ := do("PUT", rep, "", `{"title":"dbcd review","result":"FAILED"}`); code != 200 {
		t.Errorf("PUT report: %d", code)
	}
	if code, _ := do("POST", rep+"/annotations", "", `[{"external_id":"a","line":1}]`); code != 200 {
		t.Errorf("POST annotations: %d", code)
	}
	many := "[" + strings.TrimSuffix(strings.Repeat(`{"external_id":"x"},`, 101), ",") + "]"
	if code, _ := do("POST", rep+"/annotations", "", many); code != http.StatusBadRequest {
		t.Errorf("101 annotations: %d, want 400", code)
	}
	code, body = do("GET", rep+"/annotations", "", "")
	if code != 200 || !strings.Contains(body, `"size":1`) {
		t.Errorf("GET annotations: %d %s", code, body)
	}
	b, _ := os.ReadFile(s.logPath)
	if !strings.Contains(string(b), `PUT /2.0/repositories/acme/db/commit/abc/reports/dbcd-review auth=none 200 {"title":"dbcd review","result":"FAILED"}`) {
		t.Errorf("log:\n%s", b)
	}
}

func TestCommitLinksMissingAndIndexing(t *testing.T) {
	_, state, do := start(t)
	const path = "/repositories/acme/db/commit/abcdef0/pullrequests"
	if err := Update(state, func(s *State) error { s.Indexing = 1; return nil }); err != nil {
		t.Fatal(err)
	}
	if code, _ := do("GET", path, "Bearer tok", ""); code != http.StatusAccepted {
		t.Errorf("while indexing: %d, want 202", code)
	}
	if code, _ := do("GET", path, "Bearer tok", ""); code != 200 {
		t.Errorf("after indexing: %d, want 200", code)
	}
	if err := Update(state, func(s *State) error { s.CommitLinksMissing = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if code, _ := do("GET", path, "Bearer tok", ""); code != http.StatusNotFound {
		t.Errorf("without the commit links app: %d, want 404", code)
	}
}
