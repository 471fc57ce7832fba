package plan

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/dbcd/dbcd/internal/approval"
	"github.com/dbcd/dbcd/internal/bitbucket"
	"github.com/dbcd/dbcd/internal/gitrepo"
)

// BitbucketEvidence finds a file's pull request through the Bitbucket API:
// the pipeline's own pull request in a pull-request pipeline, else the
// merged pull request into the branch being built of the commit that last
// changed the file on that branch (found with git). When that commit is not
// in the clone, approvals cannot be checked: another pull request's are
// never borrowed.
type BitbucketEvidence struct {
	API *bitbucket.API
	Env bitbucket.Env
	// Dir is the directory the file paths are relative to, inside the
	// repository.
	Dir string

	once    sync.Once
	self    *bitbucket.User
	selfErr error
	// prFiles are the files the pipeline's own pull request changes, in a
	// pull-request pipeline; nil when they could not be listed, and then
	// every file is credited to that pull request.
	prFiles map[string]bool
	mu      sync.Mutex
	added   map[string]string
	byID    map[int]*PullRequest
	byCommt map[string]int
}

// Prepare finds the commits that last changed the given files, in one walk
// of the history, and in a pull-request pipeline the files the pull request
// itself changes (against origin/<destination>): only those are credited
// to it.
func (e *BitbucketEvidence) Prepare(ctx context.Context, paths []string) error {
	if e.Env.PRID != "" && e.Env.PRDestinationBranch != "" {
		if root, files, err := gitrepo.Changed(ctx, e.Dir, "origin/"+e.Env.PRDestinationBranch); err == nil {
			e.prFiles = map[string]bool{}
			dir, _ := filepath.Abs(e.Dir)
			for _, f := range files {
				if rel, err := filepath.Rel(dir, filepath.Join(root, filepath.FromSlash(f))); err == nil {
					e.prFiles[filepath.ToSlash(rel)] = true
				}
			}
		}
	}
	added, err := gitrepo.LastChangedIn(ctx, e.Dir, paths)
	if err != nil {
		return fmt.Errorf("finding the commits that last changed the files: %w", err)
	}
	e.mu.Lock()
	e.added = added
	e.mu.Unlock()
	return nil
}

// PullRequest returns the pull request behind path.
func (e *BitbucketEvidence) PullRequest(ctx context.Context, path string) (*PullRequest, error) {
	e.once.Do(func() {
		// The token's own approval never counts; a repository access token
		// has no user (ErrUnknownUser) and cannot approve.
		u, err := e.API.CurrentUser(ctx)
		switch {
		case err == nil:
			e.self = u
		case !errors.Is(err, bitbucket.ErrUnknownUser):
			e.selfErr = fmt.Errorf("reading the token's own account (whose approvals do not count): %w", err)
		}
	})
	if e.selfErr != nil {
		return nil, &UnavailableError{e.selfErr}
	}
	if e.Env.PRID != "" && (e.prFiles == nil || e.prFiles[path]) {
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
		return nil, fmt.Errorf("cannot tell which pull request brought %s: the commit that last changed it is not in this clone "+
			"(set clone: depth: full in bitbucket-pipelines.yml)", path)
	}
	e.mu.Lock()
	id, ok := e.byCommt[commit]
	e.mu.Unlock()
	if !ok {
		prs, err := e.API.PullRequestsForCommit(ctx, commit)
		if err != nil {
			if errors.Is(err, bitbucket.ErrCommitLinks) {
				return nil, err
			}
			return nil, &UnavailableError{err}
		}
		branch := e.Env.Branch
		if e.Env.PRID != "" {
			branch = e.Env.PRDestinationBranch // earlier files came through PRs into it
		}
		id = pick(prs, branch)
		e.mu.Lock()
		if e.byCommt == nil {
			e.byCommt = map[string]int{}
		}
		e.byCommt[commit] = id
		e.mu.Unlock()
	}
	if id == 0 {
		into := ""
		if e.Env.Branch != "" {
			into = " into " + e.Env.Branch
		}
		return nil, fmt.Errorf("no merged pull request%s brought commit %.12s (which last changed %s): changes that need approval must come through a pull request", into, commit, path)
	}
	return e.pr(ctx, id)
}

// pick returns the merged pull request into branch (any branch when it is
// empty): only a pull request that was merged where the file is deployed
// from vouches for it.
func pick(prs []bitbucket.PullRequest, branch string) int {
	for _, p := range prs {
		if p.State == "MERGED" && (branch == "" || p.DestinationBranch == branch) {
			return p.ID
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
		return nil, &UnavailableError{err}
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

// UnavailableError is a failure to ask Bitbucket (transport, 5xx, no
// permission): approvals are unknown, not missing, and apply exits 3.
type UnavailableError struct{ Err error }

func (e *UnavailableError) Error() string { return "Bitbucket API: " + e.Err.Error() }
func (e *UnavailableError) Unwrap() error { return e.Err }
