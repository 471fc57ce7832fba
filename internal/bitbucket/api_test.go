package bitbucket

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	prPath     = "/2.0/repositories/acme/db/pullrequests/"
	commitPRs  = "/2.0/repositories/acme/db/commit/abc123/pullrequests?pagelen=50"
	emptyPage  = `{"values":[]}`
	commitPage = `{"values":[{"id":7,"title":"PR 7"}]}`
)

func TestNewAPI(t *testing.T) {
	env := testEnv()
	env.AccessToken = ""
	if _, err := NewAPI(env); !errors.Is(err, ErrNoToken) {
		t.Errorf("no token: error = %v, want ErrNoToken", err)
	}

	env = testEnv()
	env.Workspace, env.RepoSlug = "", ""
	if _, err := NewAPI(env); err == nil || !strings.Contains(err.Error(), "BITBUCKET_WORKSPACE and BITBUCKET_REPO_SLUG") {
		t.Errorf("no repository: error = %v", err)
	}

	a, err := NewAPI(testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if got := a.c.base.String(); got != DefaultAPIURL {
		t.Errorf("default base = %s", got)
	}

	env = testEnv()
	env.APIURL = "https://bitbucket.example/2.0"
	a, err = NewAPI(env, WithBaseURL("https://override.example/api"))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.c.base.String(); got != "https://override.example/api" {
		t.Errorf("WithBaseURL does not win: base = %s", got)
	}

	env.APIURL = "http://api.bitbucket.org/2.0"
	if _, err := NewAPI(env); err == nil || !strings.Contains(err.Error(), "refusing to send BITBUCKET_ACCESS_TOKEN over plain http to api.bitbucket.org") {
		t.Errorf("plain http: error = %v", err)
	}
}

func TestPullRequest(t *testing.T) {
	s := newScripted(t, get(prPath+"7", prJSON(7, "557058:owner")))
	pr, err := s.api().PullRequest(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	author := User{UUID: "{author-uuid}", AccountID: "557058:author", DisplayName: "Author", Nickname: "auth"}
	owner := User{UUID: "{uuid-557058:owner}", AccountID: "557058:owner", DisplayName: "User 557058:owner"}
	want := &PullRequest{
		ID: 7, Title: "PR 7", State: "OPEN", Link: "https://bitbucket.org/acme/db/pull-requests/7",
		Author: author,
		Participants: []Participant{
			{User: User{UUID: "{author-uuid}", AccountID: "557058:author"}, Role: "PARTICIPANT"},
			{User: owner, Role: "REVIEWER", Approved: true, State: "approved",
				ParticipatedOn: time.Date(2024, 5, 1, 10, 0, 0, 123456000, time.UTC)},
		},
		SourceBranch: "feature-7", SourceCommit: "abc123", DestinationBranch: "main",
	}
	if d := cmp.Diff(want, pr, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); d != "" {
		t.Errorf("pull request (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]User{owner}, pr.Approvers()); d != "" {
		t.Errorf("approvers (-want +got):\n%s", d)
	}
}

func TestPullRequestNotFound(t *testing.T) {
	s := newScripted(t, failing(http.MethodGet, prPath+"9", 404, "Pull request not found"))
	_, err := s.api().PullRequest(context.Background(), 9)
	want := "reading pull request #9: GET /2.0/repositories/acme/db/pullrequests/9: 404 Not Found: Pull request not found"
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

func TestPullRequestsForCommitPaginates(t *testing.T) {
	s := newScripted(t,
		get(commitPRs, `{"values":[{"id":7,"title":"PR 7"}],"next":"{base}/repositories/acme/db/commit/abc123/pullrequests?pagelen=50&page=2"}`),
		get("/2.0/repositories/acme/db/commit/abc123/pullrequests?pagelen=50&page=2", `{"values":[{"id":8}]}`),
		get(prPath+"7", prJSON(7, "557058:owner")),
		get(prPath+"8", prJSON(8)),
	)
	prs, err := s.api().PullRequestsForCommit(context.Background(), "abc123")
	if err != nil {
		t.Fatal(err)
	}
	if len(prs) != 2 || prs[0].ID != 7 || prs[1].ID != 8 {
		t.Fatalf("pull requests = %+v", prs)
	}
	if n := len(prs[0].Participants); n != 2 {
		t.Errorf("PR 7 has %d participants, want them read from the PR itself (2)", n)
	}
}

func TestPullRequestsForCommitWaitsForIndexing(t *testing.T) {
	accepted := exchange{Method: http.MethodGet, URI: commitPRs, Status: http.StatusAccepted, Answer: `{"type":"error","error":{"message":"indexing"}}`}
	s := newScripted(t, accepted, accepted, get(commitPRs, commitPage), get(prPath+"7", prJSON(7)))
	var logs []string
	a := s.api(WithLogf(func(format string, args ...any) { logs = append(logs, fmt.Sprintf(format, args...)) }))
	prs, err := a.PullRequestsForCommit(context.Background(), "abc123")
	if err != nil {
		t.Fatal(err)
	}
	if len(prs) != 1 || prs[0].ID != 7 {
		t.Errorf("pull requests = %+v", prs)
	}
	if len(logs) != 2 || !strings.Contains(logs[0], "202 Accepted (still indexing); retrying in 1ms (attempt 2 of 6)") ||
		!strings.Contains(logs[1], "retrying in 2ms (attempt 3 of 6)") {
		t.Errorf("logs = %q", logs)
	}
}

func TestPullRequestsForCommitGivesUpIndexing(t *testing.T) {
	script := make([]exchange, indexingTries)
	for i := range script {
		script[i] = exchange{Method: http.MethodGet, URI: commitPRs, Status: http.StatusAccepted}
	}
	s := newScripted(t, script...)
	_, err := s.api().PullRequestsForCommit(context.Background(), "abc123")
	if !errors.Is(err, ErrStillIndexing) {
		t.Fatalf("error = %v, want ErrStillIndexing", err)
	}
	want := "listing pull requests of commit abc123: bitbucket is still indexing the repository's pull requests: still 202 Accepted after 6 tries over 31ms; run the step again in a few minutes"
	if err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

func TestPullRequestsForCommitAppMissing(t *testing.T) {
	s := newScripted(t, failing(http.MethodGet, commitPRs, 404, "Resource not found"))
	_, err := s.api().PullRequestsForCommit(context.Background(), "abc123")
	if !errors.Is(err, ErrCommitLinks) {
		t.Fatalf("error = %v, want ErrCommitLinks", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Errorf("error does not carry the API's answer: %v", err)
	}
	for _, want := range []string{
		`the "Pull Request Commit Links" app is not installed in the workspace or has not indexed the repository`,
		`clicks "Go to pull request" on a commit page`,
		"BITBUCKET_PR_ID",
		"GET /2.0/repositories/acme/db/commit/abc123/pullrequests: 404 Not Found: Resource not found",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestPullRequestsForCommitRetries(t *testing.T) {
	s := newScripted(t,
		exchange{Method: http.MethodGet, URI: commitPRs, Status: http.StatusTooManyRequests, Answer: `{"type":"error","error":{"message":"Rate limit"}}`},
		failing(http.MethodGet, commitPRs, 502, "bad gateway"),
		get(commitPRs, commitPage),
		failing(http.MethodGet, prPath+"7", 500, "oops"),
		get(prPath+"7", prJSON(7)),
	)
	prs, err := s.api().PullRequestsForCommit(context.Background(), "abc123")
	if err != nil || len(prs) != 1 {
		t.Fatalf("pull requests = %+v, error = %v", prs, err)
	}
}

func TestPaginationStaysOnTheAPIBase(t *testing.T) {
	for _, next := range []string{
		"https://evil.example/2.0/repositories/acme/db/commit/abc123/pullrequests?page=2",
		"{base}/../other/pullrequests?page=2",
		"http://bot:pw@" + "127.0.0.1/2.0/x",
	} {
		s := newScripted(t, get(commitPRs, `{"values":[{"id":7}],"next":"`+next+`"}`))
		_, err := s.api().PullRequestsForCommit(context.Background(), "abc123")
		if err == nil || !strings.Contains(err.Error(), "refusing to follow a pagination link outside the API base") {
			t.Errorf("next %s: error = %v", next, err)
		}
	}
}

func TestPaginationIsBounded(t *testing.T) {
	script := make([]exchange, maxPages)
	for i := range script {
		script[i] = get(fmt.Sprintf("/2.0/repositories/acme/db/commit/abc123/pullrequests?pagelen=50&page=%d", i+1),
			fmt.Sprintf(`{"values":[],"next":"{base}/repositories/acme/db/commit/abc123/pullrequests?pagelen=50&page=%d"}`, i+2))
	}
	script[0].URI = commitPRs
	s := newScripted(t, script...)
	_, err := s.api().PullRequestsForCommit(context.Background(), "abc123")
	if err == nil || !strings.Contains(err.Error(), "more than 20 pages of 50") {
		t.Errorf("error = %v", err)
	}
}

func TestCurrentUser(t *testing.T) {
	s := newScripted(t, get("/2.0/user", `{"uuid":"{bot-uuid}","account_id":"557058:bot","display_name":"CI bot","nickname":"ci"}`))
	u, err := s.api().CurrentUser(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(&User{UUID: "{bot-uuid}", AccountID: "557058:bot", DisplayName: "CI bot", Nickname: "ci"}, u); d != "" {
		t.Errorf("user (-want +got):\n%s", d)
	}
}

func TestCurrentUserUnknown(t *testing.T) {
	for _, ex := range []exchange{
		failing(http.MethodGet, "/2.0/user", 403, "Your credentials lack one or more required privilege scopes."),
		failing(http.MethodGet, "/2.0/user", 401, "Access token expects account scope"),
		get("/2.0/user", `{"type":"app_user","display_name":"repo token"}`),
	} {
		s := newScripted(t, ex)
		u, err := s.api().CurrentUser(context.Background())
		if u != nil || !errors.Is(err, ErrUnknownUser) {
			t.Errorf("status %d: user %v, error %v; want nil and ErrUnknownUser", ex.Status, u, err)
		}
	}

	fail := failing(http.MethodGet, "/2.0/user", 500, "down")
	s := newScripted(t, fail, fail, fail)
	if _, err := s.api().CurrentUser(context.Background()); err == nil || errors.Is(err, ErrUnknownUser) {
		t.Errorf("a server failure is not an unknown user: %v", err)
	}
}

func TestUser(t *testing.T) {
	answer := `{"uuid":"{b5b1c0de-0000-4000-8000-000000000001}","account_id":"557058:dba","display_name":"Dee"}`
	s := newScripted(t,
		get("/2.0/users/%7Bb5b1c0de-0000-4000-8000-000000000001%7D", answer),
		get("/2.0/users/%7Bb5b1c0de-0000-4000-8000-000000000001%7D", answer),
		get("/2.0/users/557058:dba", answer),
		failing(http.MethodGet, "/2.0/users/557058:gone", 404, "User not found"),
	)
	a := s.api()
	want := &User{UUID: "{b5b1c0de-0000-4000-8000-000000000001}", AccountID: "557058:dba", DisplayName: "Dee"}
	for _, id := range []string{"{b5b1c0de-0000-4000-8000-000000000001}", "b5b1c0de-0000-4000-8000-000000000001", "557058:dba"} {
		u, err := a.User(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, u); d != "" {
			t.Errorf("%s (-want +got):\n%s", id, d)
		}
	}
	_, err := a.User(context.Background(), "557058:gone")
	if err == nil || err.Error() != "reading account 557058:gone: GET /2.0/users/557058:gone: 404 Not Found: User not found" {
		t.Errorf("error = %v", err)
	}
}

// TestAPINeverShowsTheToken makes Bitbucket echo the token in error answers.
func TestAPINeverShowsTheToken(t *testing.T) {
	echo := failing(http.MethodGet, commitPRs, 503, "bad token Bearer "+testToken)
	s := newScripted(t, echo, echo, echo)
	var logs strings.Builder
	a := s.api(WithLogf(func(format string, args ...any) { fmt.Fprintf(&logs, format+"\n", args...) }))
	_, err := a.PullRequestsForCommit(context.Background(), "abc123")
	if err == nil || !strings.Contains(err.Error(), "bad token Bearer ****") {
		t.Fatalf("error = %v", err)
	}
	if strings.Contains(err.Error(), testToken) || strings.Contains(logs.String(), testToken) {
		t.Errorf("token shown:\n%v\n%s", err, logs.String())
	}
	if logs.Len() == 0 {
		t.Error("retries were not logged")
	}
}

func TestAPIHonoursContext(t *testing.T) {
	s := newScripted(t, exchange{Method: http.MethodGet, URI: commitPRs, Status: http.StatusAccepted})
	a := s.api(WithRetryDelay(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := a.PullRequestsForCommit(ctx, "abc123"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want a deadline error", err)
	}
}
