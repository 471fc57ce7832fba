package writeback

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// beforePush, when set (by tests), runs before each push attempt.
var beforePush func(attempt int)

// pusher holds what every fetch and push of one writeback shares.
type pusher struct {
	g        *gitRepo
	po       PushOptions
	remote   *git.Remote
	spec     config.RefSpec
	tracking plumbing.ReferenceName
	proxy    transport.ProxyOptions
	auth     transport.AuthMethod
	url      string
	where    string
	shallow  int
}

// newPusher resolves the remote, its URL and the authentication.
func (g *gitRepo) newPusher(po PushOptions) (*pusher, error) {
	if po.Branch == "" {
		return nil, errors.New("no branch to push to")
	}
	name := po.Remote
	if name == "" {
		name = "origin"
	}
	u := po.URL
	if u == "" {
		r, err := g.repo.Remote(name)
		if err != nil || len(r.Config().URLs) == 0 {
			return nil, fmt.Errorf("%w: the repository has no remote %q (add one, or push from a clone)", ErrPushRejected, name)
		}
		u = r.Config().URLs[0]
	}
	shallows, err := g.repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("reading .git/shallow: %w", err)
	}
	tracking := plumbing.NewRemoteReferenceName(name, po.Branch)
	spec := config.RefSpec("+" + plumbing.NewBranchReferenceName(po.Branch).String() + ":" + tracking.String())
	p := &pusher{
		g: g, po: po, spec: spec, tracking: tracking, url: u, shallow: len(shallows),
		remote: git.NewRemote(g.repo.Storer, &config.RemoteConfig{Name: name, URLs: []string{u}, Fetch: []config.RefSpec{spec}}),
		proxy:  transport.ProxyOptions{URL: po.ProxyURL},
		where:  fmt.Sprintf("branch %s of %s", po.Branch, redact(u)),
	}
	if po.Password != "" && isHTTP(u) {
		p.auth = &githttp.BasicAuth{Username: po.User, Password: po.Password}
	}
	return p, nil
}

// push brings files to po.Branch: the commits made locally when they go
// on its head, else commits re-created on its head for the files it does
// not hold yet (also when nothing changed locally, so that a writeback
// whose push failed is pushed by the next one). When the remote branch
// moves on meanwhile, it fetches it, re-creates the commits on its new head
// and tries again.
func (g *gitRepo) push(ctx context.Context, po PushOptions, files []FileContent, commits []localCommit, res *Result) error {
	p, err := g.newPusher(po)
	if err != nil {
		return err
	}
	retries := po.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	local := len(commits) > 0
	// Our commits go on the remote branch's current head, so that nothing
	// but them is ever pushed (not a pull request's local merge, not the
	// commits of another branch HEAD happens to be on).
	head, err := p.fetch(ctx)
	var noRef git.NoMatchingRefSpecError
	switch {
	case errors.As(err, &noRef), errors.Is(err, transport.ErrEmptyRemoteRepository):
		// A new branch: it starts at our commits, or at HEAD, which holds
		// the files when nothing changed.
		if !local {
			ref, err := g.repo.Head()
			if err != nil {
				return fmt.Errorf("reading HEAD: %w", err)
			}
			commits = []localCommit{{hash: ref.Hash()}}
		}
	case err != nil:
		return p.fail("fetching", err)
	default:
		if !local || !onTopOf(g, commits[0].hash, head.Hash) {
			if commits, err = g.commitChain(head, files); err != nil {
				return p.fail("putting the commits on its head", err)
			}
			res.Rebased = local
			if len(commits) == 0 {
				res.RemoteHadIt = local
				return nil
			}
		}
	}
	for attempt := 1; ; attempt++ {
		res.Attempts = attempt
		tip := commits[len(commits)-1].hash
		if beforePush != nil {
			beforePush(attempt)
		}
		var progress bytes.Buffer
		err := p.remote.PushContext(ctx, &git.PushOptions{
			RemoteName:   p.remote.Config().Name,
			RefSpecs:     []config.RefSpec{config.RefSpec(tip.String() + ":" + plumbing.NewBranchReferenceName(po.Branch).String())},
			ProxyOptions: p.proxy,
			Auth:         p.auth,
			Progress:     &progress,
		})
		if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
			res.Pushed = res.Pushed[:0]
			for _, c := range commits {
				res.Pushed = append(res.Pushed, c.hash.String())
			}
			_ = g.repo.Storer.SetReference(plumbing.NewHashReference(p.tracking, tip))
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !nonFastForward(err) {
			return p.refused(err, progress.String())
		}
		next, ferr := p.fetch(ctx)
		if stillThere(head, next, ferr) {
			// The branch did not move: the push failed on its own, in a
			// shallow clone for want of history.
			if p.shallow > 0 && missingHistory(err) {
				return p.shallowErr(err)
			}
			return p.refused(err, progress.String())
		}
		if ferr != nil {
			return p.fail("fetching after a rejected push", ferr)
		}
		if attempt > retries {
			return fmt.Errorf("%w: %s kept moving (someone else pushed each time); gave up after %d attempts — run writeback again", ErrPushRejected, p.where, attempt)
		}
		head = next
		if commits, err = g.commitChain(head, files); err != nil {
			return p.fail("putting the commits on its new head", err)
		}
		res.Rebased = local
		if len(commits) == 0 {
			res.RemoteHadIt = local
			return nil
		}
	}
}

// fetch brings the remote branch's head into its remote-tracking branch and
// returns that commit.
func (p *pusher) fetch(ctx context.Context) (*object.Commit, error) {
	fo := &git.FetchOptions{RefSpecs: []config.RefSpec{p.spec}, ProxyOptions: p.proxy, Auth: p.auth, Force: true}
	if p.shallow > 0 {
		fo.Depth = 1
	}
	err := p.remote.FetchContext(ctx, fo)
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return nil, err
	}
	ref, err := p.g.repo.Reference(p.tracking, true)
	if err != nil {
		return nil, err
	}
	return p.g.repo.CommitObject(ref.Hash())
}

// onTopOf tells whether commit's only parent is parent.
func onTopOf(g *gitRepo, commit, parent plumbing.Hash) bool {
	c, err := g.repo.CommitObject(commit)
	return err == nil && len(c.ParentHashes) == 1 && c.ParentHashes[0] == parent
}

// stillThere tells whether the remote branch is where it was before a push
// (head, nil for a branch that did not exist), given what a fetch after it
// returned.
func stillThere(head, next *object.Commit, fetchErr error) bool {
	var noRef git.NoMatchingRefSpecError
	if head == nil {
		return errors.As(fetchErr, &noRef) || errors.Is(fetchErr, transport.ErrEmptyRemoteRepository)
	}
	return fetchErr == nil && next.Hash == head.Hash
}

// fail wraps an error of a step of the push: a missing object in a shallow
// clone is the clone's depth, anything else a push that could not be done.
func (p *pusher) fail(step string, err error) error {
	if p.shallow > 0 && missingHistory(err) {
		return p.shallowErr(err)
	}
	if authFailed(err) {
		return p.refused(err, "")
	}
	return fmt.Errorf("%w: %s %s: %s", ErrPushRejected, step, p.where, p.redactErr(err))
}

// shallowErr says that the clone is too shallow and what to change.
func (p *pusher) shallowErr(err error) error {
	return fmt.Errorf("%w: cannot put the commits on %s: this clone is shallow and lacks history the branch needs (%s); "+
		"clone the whole history: in bitbucket-pipelines.yml set\n  clone:\n    depth: full\n"+
		"(at the top level, or in the step that runs dbcd writeback), or run `git fetch --unshallow` before dbcd writeback",
		ErrShallowClone, p.where, p.redactErr(err))
}

// refused describes a push the remote refused for another reason than a
// newer head: a hook, branch permissions or authentication.
func (p *pusher) refused(err error, progress string) error {
	var remoteSaid []string
	for _, line := range strings.Split(progress, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "remote:"))
		if line != "" {
			remoteSaid = append(remoteSaid, line)
		}
	}
	return &RefusedError{Branch: p.po.Branch, Remote: redact(p.url), Reason: p.redactErr(err),
		RemoteMessage: p.redactString(strings.Join(remoteSaid, "\n")),
		Auth:          authFailed(err)}
}

// authFailed tells an error of a remote that wants other credentials.
func authFailed(err error) bool {
	return errors.Is(err, transport.ErrAuthenticationRequired) || errors.Is(err, transport.ErrAuthorizationFailed)
}

// missingHistory tells an error caused by objects the repository lacks.
func missingHistory(err error) bool {
	return errors.Is(err, plumbing.ErrObjectNotFound) || errors.Is(err, packfile.ErrReferenceDeltaNotFound)
}

// nonFastForward tells a push refused because the remote branch moved on
// from one refused for other reasons.
func nonFastForward(err error) bool {
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return true // the remote head is a commit we do not have
	}
	msg := err.Error()
	return strings.Contains(msg, "non-fast-forward") || strings.Contains(msg, "fetch first")
}

// isHTTP tells an http(s) remote URL, the only kind basic auth applies to.
func isHTTP(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https")
}

// redact hides a password in a remote URL.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}

// redactErr returns err's message with the remote URL's password and the
// push password masked.
func (p *pusher) redactErr(err error) string { return p.redactString(err.Error()) }

func (p *pusher) redactString(msg string) string {
	secrets := []string{p.po.Password}
	if u, e := url.Parse(p.url); e == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			secrets = append(secrets, pw)
		}
	}
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "xxxxx")
		}
	}
	return msg
}
