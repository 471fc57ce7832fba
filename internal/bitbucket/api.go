package bitbucket

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Limits of the token API client.
const (
	// pageLen is the page size asked of paginated lists (50 is the largest
	// Bitbucket accepts on its pull request lists).
	pageLen = 50
	// maxPages bounds how many pages of one list are read.
	maxPages = 20
	// indexingTries bounds the attempts at listing a commit's pull requests
	// while Bitbucket answers 202 (still indexing); the pause between them
	// starts at the retry delay and doubles.
	indexingTries = 6
)

// Errors of the token API client, matched with errors.Is.
var (
	// ErrNoToken is returned by NewAPI when BITBUCKET_ACCESS_TOKEN is empty.
	ErrNoToken = errors.New("the bitbucket API needs BITBUCKET_ACCESS_TOKEN")
	// ErrUnknownUser is returned by CurrentUser when the token has no account
	// of its own that Bitbucket will show (see CurrentUser).
	ErrUnknownUser = errors.New("the access token's own account is unknown")
	// ErrStillIndexing is returned by PullRequestsForCommit when Bitbucket
	// keeps answering 202: it is still indexing the repository's pull
	// requests.
	ErrStillIndexing = errors.New("bitbucket is still indexing the repository's pull requests")
	// ErrCommitLinks is returned by PullRequestsForCommit when Bitbucket
	// answers 404: the workspace lacks the "Pull Request Commit Links" app,
	// the app has not indexed the repository, or the token cannot see it.
	ErrCommitLinks = errors.New(`bitbucket cannot list the commit's pull requests: the "Pull Request Commit Links" app is not installed in the workspace or has not indexed the repository`)
)

// errAccepted is a 202 answer to a list request: the list is not ready.
var errAccepted = errors.New("202 Accepted: not ready yet")

// API is a client of the Bitbucket Cloud REST API for one repository,
// authenticated with a Bearer access token: pull requests, their approvals
// and comments, and the token's own account.
type API struct {
	c               *client
	workspace, repo string
}

// NewAPI returns a token client for the repository env names. It sends
// env.AccessToken as a Bearer token to WithBaseURL, DBCD_BITBUCKET_API_URL
// or https://api.bitbucket.org/2.0, in that order of preference, through the
// standard proxy variables or WithProxyURL. The token is never sent over
// plain http, except to a loopback address (a test server). Without a token
// it returns ErrNoToken.
func NewAPI(env Env, opts ...Option) (*API, error) {
	if env.AccessToken == "" {
		return nil, ErrNoToken
	}
	var missing []string
	if env.Workspace == "" {
		missing = append(missing, "BITBUCKET_WORKSPACE")
	}
	if env.RepoSlug == "" {
		missing = append(missing, "BITBUCKET_REPO_SLUG")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the bitbucket API needs %s (or BITBUCKET_REPO_FULL_NAME)", strings.Join(missing, " and "))
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	proxyFunc := http.ProxyFromEnvironment
	if o.proxyURL != "" {
		pu, err := url.Parse(o.proxyURL)
		if err != nil || pu.Host == "" {
			return nil, fmt.Errorf("bitbucket proxy %q is not a URL", redactURL(o.proxyURL))
		}
		proxyFunc = http.ProxyURL(pu)
	}
	c, err := newClient(cmp.Or(o.baseURL, env.APIBaseURL()), proxyFunc, o)
	if err != nil {
		return nil, err
	}
	if c.base.Scheme != "https" && !isLoopback(c.base.Hostname()) {
		return nil, fmt.Errorf("refusing to send BITBUCKET_ACCESS_TOKEN over plain http to %s: use an https API base", c.base.Host)
	}
	token := env.AccessToken.Value()
	c.secrets = []string{token}
	c.auth = func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }
	return &API{c: c, workspace: env.Workspace, repo: env.RepoSlug}, nil
}

// isLoopback reports whether host is localhost or a loopback address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// User is a Bitbucket account. AccountID (the Atlassian account id) and UUID
// (in braces) identify it; Nickname and DisplayName are for people to read
// and must never be used to authorise anything.
type User struct {
	UUID        string `json:"uuid"`
	AccountID   string `json:"account_id"`
	DisplayName string `json:"display_name"`
	Nickname    string `json:"nickname"`
}

// Participant is a person taking part in a pull request.
type Participant struct {
	User User `json:"user"`
	// Role is PARTICIPANT or REVIEWER.
	Role string `json:"role"`
	// Approved is true while the participant approves the pull request.
	Approved bool `json:"approved"`
	// State is "approved", "changes_requested" or empty.
	State string `json:"state"`
	// ParticipatedOn is the time of the participant's last action; for an
	// approver, the time of the approval. Zero when Bitbucket gives none.
	ParticipatedOn time.Time `json:"participated_on"`
}

// PullRequest is a pull request with its participants.
type PullRequest struct {
	ID int
	// Title is the pull request's title.
	Title string
	// State is OPEN, MERGED, DECLINED or SUPERSEDED.
	State string
	// Link is the pull request's page in Bitbucket.
	Link              string
	Author            User
	Participants      []Participant
	SourceBranch      string
	SourceCommit      string
	DestinationBranch string
}

// Approvers returns the participants who approve the pull request, in
// Bitbucket's order. Whether each approval counts (not the author's, not the
// token's own) is the caller's decision.
func (pr *PullRequest) Approvers() []User {
	var users []User
	for _, p := range pr.Participants {
		if p.Approved {
			users = append(users, p.User)
		}
	}
	return users
}

// wirePR is a pull request as the API sends it.
type wirePR struct {
	ID           int           `json:"id"`
	Title        string        `json:"title"`
	State        string        `json:"state"`
	Author       User          `json:"author"`
	Participants []Participant `json:"participants"`
	Source       wireEnd       `json:"source"`
	Destination  wireEnd       `json:"destination"`
	Links        struct {
		HTML struct {
			Href string `json:"href"`
		} `json:"html"`
	} `json:"links"`
}

// wireEnd is the source or destination of a pull request.
type wireEnd struct {
	Branch struct {
		Name string `json:"name"`
	} `json:"branch"`
	Commit struct {
		Hash string `json:"hash"`
	} `json:"commit"`
}

func (w *wirePR) pullRequest() *PullRequest {
	return &PullRequest{
		ID:                w.ID,
		Title:             w.Title,
		State:             w.State,
		Link:              w.Links.HTML.Href,
		Author:            w.Author,
		Participants:      w.Participants,
		SourceBranch:      w.Source.Branch.Name,
		SourceCommit:      w.Source.Commit.Hash,
		DestinationBranch: w.Destination.Branch.Name,
	}
}

// repoPath is the escaped path of the client's repository.
func (a *API) repoPath() string {
	return "/repositories/" + url.PathEscape(a.workspace) + "/" + url.PathEscape(a.repo)
}

// PullRequest reads pull request id of the repository, with its
// participants and their approvals.
func (a *API) PullRequest(ctx context.Context, id int) (*PullRequest, error) {
	if id <= 0 {
		return nil, fmt.Errorf("reading pull request: invalid id %d", id)
	}
	var w wirePR
	if err := a.c.do(ctx, http.MethodGet, a.repoPath()+"/pullrequests/"+strconv.Itoa(id), nil, &w); err != nil {
		return nil, fmt.Errorf("reading pull request #%d: %w", id, err)
	}
	return w.pullRequest(), nil
}

// CurrentUser reads the account the token belongs to (GET /user), so that
// its own approvals can be left out.
//
// Repository, project and workspace access tokens may have no account that
// Bitbucket shows there: when Bitbucket answers 401, 403 or 404, or an
// account without ids, CurrentUser returns a nil user and an error wrapping
// ErrUnknownUser (and the API's answer). Callers treat that as "unknown",
// not as a failure; any other error is a real one.
func (a *API) CurrentUser(ctx context.Context) (*User, error) {
	var u User
	err := a.c.do(ctx, http.MethodGet, "/user", nil, &u)
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && (apiErr.Status == http.StatusUnauthorized ||
		apiErr.Status == http.StatusForbidden || apiErr.Status == http.StatusNotFound):
		return nil, fmt.Errorf("%w (%w)", ErrUnknownUser, err)
	case err != nil:
		return nil, fmt.Errorf("reading the access token's account: %w", err)
	case u.UUID == "" && u.AccountID == "":
		return nil, fmt.Errorf("%w (GET /user gave no account id or uuid)", ErrUnknownUser)
	}
	return &u, nil
}

// User reads the account with this UUID (braces optional) or account id,
// for example BITBUCKET_STEP_TRIGGERER_UUID, to learn its account id and
// name: roles may list account ids while Pipelines gives only the UUID.
func (a *API) User(ctx context.Context, id string) (*User, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, errors.New("reading an account: no id given")
	}
	if !strings.Contains(id, ":") && !strings.HasPrefix(id, "{") && strings.Count(id, "-") == 4 {
		id = "{" + id + "}" // a bare UUID: Bitbucket wants the braces
	}
	var u User
	if err := a.c.do(ctx, http.MethodGet, "/users/"+url.PathEscape(id), nil, &u); err != nil {
		return nil, fmt.Errorf("reading account %s: %w", id, err)
	}
	return &u, nil
}

// PullRequestsForCommit returns the pull requests through which commit was
// reviewed, each read in full (the list omits participants). It needs the
// "Pull Request Commit Links" app in the workspace: a 404 becomes an error
// wrapping ErrCommitLinks that says how to install it. While Bitbucket
// answers 202 (still indexing) the list is asked again, indexingTries times
// in all with a doubling pause; after that the error wraps ErrStillIndexing.
// In a pull-request pipeline, PullRequest with BITBUCKET_PR_ID needs none of
// this.
func (a *API) PullRequestsForCommit(ctx context.Context, commit string) ([]PullRequest, error) {
	if commit == "" {
		return nil, errors.New("listing a commit's pull requests: no commit given")
	}
	u, err := a.c.resolve(a.repoPath() + "/commit/" + url.PathEscape(commit) + "/pullrequests")
	if err != nil {
		return nil, err
	}
	u.RawQuery = url.Values{"pagelen": {strconv.Itoa(pageLen)}}.Encode()
	short := commit[:min(len(commit), 12)]
	listed, err := a.listIndexed(ctx, u)
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound:
		return nil, fmt.Errorf("listing pull requests of commit %s: %w; the app installs itself the first time "+
			`someone clicks "Go to pull request" on a commit page in Bitbucket (or the token cannot see %s/%s; `+
			"in a pull-request pipeline dbcd reads BITBUCKET_PR_ID instead) (%w)", short, ErrCommitLinks, a.workspace, a.repo, err)
	case err != nil:
		return nil, fmt.Errorf("listing pull requests of commit %s: %w", short, err)
	}
	prs := make([]PullRequest, 0, len(listed))
	for _, w := range listed {
		pr, err := a.PullRequest(ctx, w.ID)
		if err != nil {
			return nil, err
		}
		prs = append(prs, *pr)
	}
	return prs, nil
}

// listIndexed lists the pull requests at u, asking again while Bitbucket
// answers 202.
func (a *API) listIndexed(ctx context.Context, u *url.URL) ([]wirePR, error) {
	delay, waited := a.c.retryDelay, time.Duration(0)
	for try := 1; ; try++ {
		listed, err := getAll[wirePR](ctx, a.c, u)
		if !errors.Is(err, errAccepted) {
			return listed, err
		}
		if try == indexingTries {
			return nil, fmt.Errorf("%w: still 202 Accepted after %d tries over %s; run the step again in a few minutes",
				ErrStillIndexing, indexingTries, waited)
		}
		a.c.logf("bitbucket: GET %s: 202 Accepted (still indexing); retrying in %s (attempt %d of %d)",
			u.EscapedPath(), delay, try+1, indexingTries)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("GET %s: %w", u.EscapedPath(), ctx.Err())
		case <-time.After(delay):
		}
		waited += delay
		delay *= 2
	}
}

// page is one page of a paginated Bitbucket list.
type page[T any] struct {
	Values []T    `json:"values"`
	Next   string `json:"next"`
}

// getAll reads every page of the list at u, following "next" links only to
// the client's own API base, and at most maxPages pages. A 202 answer on any
// page returns errAccepted.
func getAll[T any](ctx context.Context, c *client, u *url.URL) ([]T, error) {
	var all []T
	for n := 1; ; n++ {
		var p page[T]
		status, err := c.send(ctx, http.MethodGet, u, nil, &p, retryable)
		if err != nil {
			return nil, err
		}
		if status == http.StatusAccepted {
			return nil, errAccepted
		}
		all = append(all, p.Values...)
		if p.Next == "" {
			return all, nil
		}
		if n == maxPages {
			return nil, fmt.Errorf("GET %s: more than %d pages of %d", u.EscapedPath(), maxPages, pageLen)
		}
		next, err := c.sameBase(p.Next)
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", u.EscapedPath(), err)
		}
		u = next
	}
}

// sameBase resolves a link Bitbucket gave and accepts it only when it points
// under the client's base (same scheme, host and path prefix), so the token
// is never sent elsewhere.
func (c *client) sameBase(link string) (*url.URL, error) {
	ref, err := url.Parse(link)
	if err != nil {
		return nil, errors.New("pagination link is not a URL")
	}
	u := c.base.ResolveReference(ref) // also removes dot segments
	basePath := strings.TrimSuffix(c.base.EscapedPath(), "/") + "/"
	if u.User != nil || !strings.EqualFold(u.Scheme, c.base.Scheme) || !strings.EqualFold(u.Host, c.base.Host) ||
		!strings.HasPrefix(u.EscapedPath(), basePath) {
		return nil, fmt.Errorf("refusing to follow a pagination link outside the API base (to host %q)", u.Hostname())
	}
	u.Fragment = ""
	return u, nil
}
