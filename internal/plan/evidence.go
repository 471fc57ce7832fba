package plan

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/dbcd/dbcd/internal/approval"
	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/gitrepo"
)

// BitbucketEvidence finds a file's pull request through the Bitbucket API:
// the pipeline's own pull request in a pull-request pipeline, else the pull
// request of the commit that brought the file onto the branch (found with
// git), else the pull request of the commit being built.
type BitbucketEvidence struct {
	API *bitbucket.API
	Env bitbucket.Env
	// Dir is the directory the file paths are relative to, inside the
	// repository.
	Dir string

	once    sync.Once
	self    *bitbucket.User
	mu      sync.Mutex
	added   map[string]string
	byID    map[int]*PullRequest
	byCommt map[string]int
}

// Prepare finds the commits that brought the given files, in one walk of
// the history; files not found fall back to the commit being built.
func (e *BitbucketEvidence) Prepare(ctx context.Context, paths []string) error {
	added, err := gitrepo.AddedIn(ctx, e.Dir, paths)
	if err != nil {
		return fmt.Errorf("finding the commits that added the files: %w", err)
	}
	e.mu.Lock()
	e.added = added
	e.mu.Unlock()
	return nil
}

// PullRequest returns the pull request behind path.
func (e *BitbucketEvidence) PullRequest(ctx context.Context, path string) (*PullRequest, error) {
	e.once.Do(func() {
		if u, err := e.API.CurrentUser(ctx); err == nil {
			e.self = u
		}
	})
	if e.Env.PRID != "" {
		id, err := strconv.Atoi(e.Env.PRID)
		if err != nil {
			return nil, fmt.Errorf("BITBUCKET_PR_ID=%q is not a number", e.Env.PRID)
		}
		return e.pr(ctx, id)
	}
	e.mu.Lock()
	commit := e.added[path]
	e.mu.Unlock()
	if commit == "" {
		commit = e.Env.Commit
	}
	if commit == "" {
		return nil, fmt.Errorf("cannot tell which pull request brought %s: the commit that added it is not in this clone "+
			"(set clone: depth: full in bitbucket-pipelines.yml) and BITBUCKET_COMMIT is not set", path)
	}
	e.mu.Lock()
	id, ok := e.byCommt[commit]
	e.mu.Unlock()
	if !ok {
		prs, err := e.API.PullRequestsForCommit(ctx, commit)
		if err != nil {
			return nil, err
		}
		id = pick(prs)
		e.mu.Lock()
		if e.byCommt == nil {
			e.byCommt = map[string]int{}
		}
		e.byCommt[commit] = id
		e.mu.Unlock()
	}
	if id == 0 {
		return nil, fmt.Errorf("no pull request brought commit %.12s (which added %s): changes that need approval must come through a pull request", commit, path)
	}
	return e.pr(ctx, id)
}

// pick prefers a merged pull request, then an open one.
func pick(prs []bitbucket.PullRequest) int {
	for _, state := range []string{"MERGED", "OPEN"} {
		for _, p := range prs {
			if p.State == state {
				return p.ID
			}
		}
	}
	return 0
}

func (e *BitbucketEvidence) pr(ctx context.Context, id int) (*PullRequest, error) {
	e.mu.Lock()
	if p, ok := e.byID[id]; ok {
		e.mu.Unlock()
		return p, nil
	}
	e.mu.Unlock()
	bp, err := e.API.PullRequest(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &PullRequest{ID: bp.ID, Link: bp.Link, Title: bp.Title, Author: person(bp.Author)}
	for _, u := range bp.Approvers() {
		p.Approvers = append(p.Approvers, person(u))
	}
	p.Excluded = []approval.Person{p.Author}
	if e.self != nil {
		p.Excluded = append(p.Excluded, person(*e.self))
	}
	e.mu.Lock()
	if e.byID == nil {
		e.byID = map[int]*PullRequest{}
	}
	e.byID[id] = p
	e.mu.Unlock()
	return p, nil
}

func person(u bitbucket.User) approval.Person {
	name := u.DisplayName
	if name == "" {
		name = u.Nickname
	}
	return approval.Person{UUID: u.UUID, AccountID: u.AccountID, Name: name}
}
