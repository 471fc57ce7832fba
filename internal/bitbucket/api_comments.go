package bitbucket

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// prComment is a pull request comment as the API lists it.
type prComment struct {
	ID      int `json:"id"`
	Content struct {
		Raw string `json:"raw"`
	} `json:"content"`
	Deleted bool      `json:"deleted"`
	Inline  *struct{} `json:"inline"` // set on comments on a line of the diff
	Parent  *struct{} `json:"parent"` // set on replies
}

// commentBody is the request body that creates or updates a comment.
type commentBody struct {
	Content struct {
		Raw string `json:"raw"`
	} `json:"content"`
}

// CommentMarker returns a marker for UpsertComment that Bitbucket Cloud
// shows as nothing: the markdown link reference definition
// "[//]: # (dbcd:key)", which no text refers to. An HTML comment would not
// do: Bitbucket Cloud escapes raw HTML in comments and shows
// "<!-- … -->" as text. Parentheses, brackets and line breaks in key are
// dropped.
func CommentMarker(key string) string {
	key = strings.Map(func(r rune) rune {
		if strings.ContainsRune("()[]\r\n", r) {
			return -1
		}
		return r
	}, key)
	return "[//]: # (dbcd:" + key + ")"
}

// UpsertComment keeps one comment on pull request prID up to date: body
// (markdown) replaces the latest top-level comment whose text contains
// marker, a string no person would write (see CommentMarker), or becomes a
// new comment when there is none. The marker is put first in body, followed
// by a blank line, when body lacks it, so the next run finds the comment
// again. When the comment found cannot be edited (403: someone else wrote
// it), a new one is created.
//
// Creating is retried only on 429, which Bitbucket answers before acting,
// so a failing server cannot make dbcd post the same comment twice.
func (a *API) UpsertComment(ctx context.Context, prID int, marker, body string) error {
	if prID <= 0 {
		return fmt.Errorf("commenting on pull request: invalid id %d", prID)
	}
	if strings.TrimSpace(marker) == "" {
		return fmt.Errorf("commenting on pull request #%d: empty marker", prID)
	}
	if !strings.Contains(body, marker) {
		body = marker + "\n\n" + body
	}
	var in commentBody
	in.Content.Raw = body

	path := a.repoPath() + "/pullrequests/" + strconv.Itoa(prID) + "/comments"
	id, err := a.findComment(ctx, path, marker)
	if err != nil {
		return fmt.Errorf("commenting on pull request #%d: %w", prID, err)
	}
	if id != 0 {
		err := a.c.do(ctx, http.MethodPut, path+"/"+strconv.Itoa(id), in, nil)
		if err == nil {
			return nil
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Status != http.StatusForbidden {
			return fmt.Errorf("updating comment %d on pull request #%d: %w", id, prID, err)
		}
		a.c.logf("bitbucket: comment %d on pull request #%d is not the token's to edit; creating a new one", id, prID)
	}
	u, err := a.c.resolve(path)
	if err != nil {
		return err
	}
	if _, err := a.c.send(ctx, http.MethodPost, u, in, nil, retryableRejected); err != nil {
		return fmt.Errorf("creating a comment on pull request #%d: %w", prID, err)
	}
	return nil
}

// findComment returns the id of the latest live top-level comment at path
// whose text contains marker, or 0.
func (a *API) findComment(ctx context.Context, path, marker string) (int, error) {
	u, err := a.c.resolve(path)
	if err != nil {
		return 0, err
	}
	u.RawQuery = "pagelen=" + strconv.Itoa(pageLen)
	comments, err := getAll[prComment](ctx, a.c, u)
	if errors.Is(err, errAccepted) {
		return 0, fmt.Errorf("GET %s: unexpected 202 Accepted", u.EscapedPath())
	}
	if err != nil {
		return 0, err
	}
	found := 0
	for _, c := range comments {
		if c.Deleted || c.Inline != nil || c.Parent != nil || !strings.Contains(c.Content.Raw, marker) {
			continue
		}
		found = max(found, c.ID)
	}
	return found, nil
}
