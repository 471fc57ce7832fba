// Package bbfake is a fake of the parts of the Bitbucket Cloud REST API that
// dbcd calls, for the walkthrough test, the pipeline simulation and
// `make demo`: pull requests with their author and participants, the
// commit-to-pull-request index, the token's own user, pull request comments,
// and Code Insights reports with their annotations (which in a real step go
// through the pipeline's proxy).
//
// The fake serves from a JSON state file that it re-reads on every request,
// so a script changes what the API answers by editing the file (or with
// Link and Approve) between steps. Every request is appended to a log file,
// one line each, for scripts to grep:
//
//	PUT /2.0/repositories/acme/employee-db/commit/3f2a.../reports/dbcd-review auth=none 200 {"title":...}
//
// auth is none, bearer (the state's token), bad-bearer or other.
package bbfake

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"sync"
)

// State is the content of the state file. Users are referred to by their
// key in Users everywhere else in the file.
type State struct {
	// Token, when set, is the only access token the pull request, user and
	// comment endpoints accept (as "Authorization: Bearer TOKEN"); others
	// get 401. Code Insights never need it.
	Token string `json:"token,omitempty"`
	// Me is the user GET /user answers: the token's own account.
	Me string `json:"me,omitempty"`
	// Users by short name.
	Users map[string]User `json:"users,omitempty"`
	// PullRequests by id.
	PullRequests map[string]*PullRequest `json:"pullrequests,omitempty"`
	// Commits maps a commit hash (full, or a prefix of at least 7 hex
	// digits) to the ids of the pull requests it belongs to; the key "*"
	// matches every commit.
	Commits map[string][]int `json:"commits,omitempty"`
	// CommitLinksMissing makes the commit-to-pull-request endpoint answer
	// 404, as Bitbucket does when the "Pull Request Commit Links" app is not
	// installed in the workspace.
	CommitLinksMissing bool `json:"commit_links_missing,omitempty"`
	// Indexing makes that endpoint answer 202 (still indexing) this many
	// more times.
	Indexing int `json:"indexing,omitempty"`
	// Comments by pull request id, kept by the fake.
	Comments map[string][]Comment `json:"comments,omitempty"`
}

// User is a Bitbucket account.
type User struct {
	UUID        string `json:"uuid"`
	AccountID   string `json:"account_id"`
	DisplayName string `json:"display_name,omitempty"`
}

// PullRequest is a pull request. State defaults to OPEN, Destination to
// main.
type PullRequest struct {
	Title        string        `json:"title,omitempty"`
	Author       string        `json:"author"`
	Source       string        `json:"source,omitempty"`
	Destination  string        `json:"destination,omitempty"`
	State        string        `json:"state,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
}

// Participant is a user taking part in a pull request. Role defaults to
// REVIEWER.
type Participant struct {
	User     string `json:"user"`
	Role     string `json:"role,omitempty"`
	Approved bool   `json:"approved"`
}

// Comment is a pull request comment in markdown.
type Comment struct {
	ID  int    `json:"id"`
	Raw string `json:"raw"`
}

// fileMu serialises reads and writes of state files within the process:
// the server's requests and the script commands that edit the file.
var fileMu sync.Mutex

// Load reads a state file.
func Load(path string) (*State, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bbfake: %w", err)
	}
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("bbfake: %s: %w", path, err)
	}
	return &s, nil
}

// Save writes a state file.
func (s *State) Save(path string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("bbfake: %w", err)
	}
	return nil
}

// Update applies f to the state in path and saves it, unless f fails.
func Update(path string, f func(*State) error) error {
	fileMu.Lock()
	defer fileMu.Unlock()
	s, err := Load(path)
	if err != nil {
		return err
	}
	if err := f(s); err != nil {
		return err
	}
	return s.Save(path)
}

// Link records that commit belongs to pull request pr.
func Link(path string, pr int, commit string) error {
	return Update(path, func(s *State) error {
		if s.Commits == nil {
			s.Commits = map[string][]int{}
		}
		for _, id := range s.Commits[commit] {
			if id == pr {
				return nil
			}
		}
		s.Commits[commit] = append(s.Commits[commit], pr)
		sort.Ints(s.Commits[commit])
		return nil
	})
}

// Approve sets whether user approved pull request pr, adding the user as a
// reviewer when they are not a participant yet.
func Approve(path string, pr int, user string, approved bool) error {
	return Update(path, func(s *State) error {
		p, ok := s.PullRequests[strconv.Itoa(pr)]
		if !ok {
			return fmt.Errorf("bbfake: no pull request %d", pr)
		}
		if _, ok := s.Users[user]; !ok {
			return fmt.Errorf("bbfake: no user %q", user)
		}
		for i := range p.Participants {
			if p.Participants[i].User == user {
				p.Participants[i].Approved = approved
				return nil
			}
		}
		p.Participants = append(p.Participants, Participant{User: user, Approved: approved})
		return nil
	})
}

// errNotFound answers 404.
var errNotFound = errors.New("not found")

// SetState sets the state of pull request pr: OPEN, MERGED, DECLINED or
// SUPERSEDED.
func SetState(path string, pr int, state string) error {
	return Update(path, func(s *State) error {
		p, ok := s.PullRequests[strconv.Itoa(pr)]
		if !ok {
			return fmt.Errorf("bbfake: no pull request %d", pr)
		}
		p.State = state
		return nil
	})
}
