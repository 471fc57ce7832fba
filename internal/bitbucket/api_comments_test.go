package bitbucket

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

const (
	commentsPath = "/2.0/repositories/acme/db/pullrequests/5/comments"
	marker       = "[//]: # (dbcd:plan:prod)"
)

func TestUpsertCommentCreates(t *testing.T) {
	s := newScripted(t,
		get(commentsPath+"?pagelen=50", `{"values":[{"id":3,"content":{"raw":"LGTM"}}]}`),
		exchange{Method: http.MethodPost, URI: commentsPath, Status: http.StatusCreated,
			Body: `{"content":{"raw":"` + marker + `\n\n## Plan\nok"}}`, Answer: `{"id":11}`},
	)
	if err := s.api().UpsertComment(context.Background(), 5, marker, "## Plan\nok"); err != nil {
		t.Fatal(err)
	}
}

func TestUpsertCommentUpdatesInPlace(t *testing.T) {
	body := "## Plan\n" + marker + "\nchanged"
	s := newScripted(t,
		get(commentsPath+"?pagelen=50", `{"values":[
			{"id":3,"content":{"raw":"LGTM"}},
			{"id":4,"content":{"raw":"old `+marker+`"}},
			{"id":6,"content":{"raw":"`+marker+`"},"deleted":true}
		],"next":"{base}/repositories/acme/db/pullrequests/5/comments?pagelen=50&page=2"}`),
		get(commentsPath+"?pagelen=50&page=2", `{"values":[
			{"id":9,"content":{"raw":"`+marker+` on a line"},"inline":{"path":"db/a.sql","to":3}},
			{"id":10,"content":{"raw":"reply `+marker+`"},"parent":{"id":4}},
			{"id":12,"content":{"raw":"[//]: # (dbcd:plan:test)"}},
			{"id":14,"content":{"raw":"<!-- dbcd-plan:prod -->"}}
		]}`),
		exchange{Method: http.MethodPut, URI: commentsPath + "/4", Body: `{"content":{"raw":"## Plan\n` + marker + `\nchanged"}}`, Answer: `{"id":4}`},
	)
	if err := s.api().UpsertComment(context.Background(), 5, marker, body); err != nil {
		t.Fatal(err)
	}
}

func TestUpsertCommentReplacesSomeoneElses(t *testing.T) {
	s := newScripted(t,
		get(commentsPath+"?pagelen=50", `{"values":[{"id":4,"content":{"raw":"quoted `+marker+`"}}]}`),
		exchange{Method: http.MethodPut, URI: commentsPath + "/4", Status: http.StatusForbidden,
			Body: `{"content":{"raw":"` + marker + `\n\nplan"}}`, Answer: `{"type":"error","error":{"message":"not yours"}}`},
		exchange{Method: http.MethodPost, URI: commentsPath, Status: http.StatusCreated,
			Body: `{"content":{"raw":"` + marker + `\n\nplan"}}`, Answer: `{"id":13}`},
	)
	if err := s.api().UpsertComment(context.Background(), 5, marker, "plan"); err != nil {
		t.Fatal(err)
	}
}

func TestUpsertCommentDoesNotRepeatAFailedPost(t *testing.T) {
	post := exchange{Method: http.MethodPost, URI: commentsPath, Body: `{"content":{"raw":"` + marker + `\n\nplan"}}`}
	rateLimited, broken := post, post
	rateLimited.Status, rateLimited.Answer = http.StatusTooManyRequests, `{"type":"error","error":{"message":"slow down"}}`
	broken.Status, broken.Answer = http.StatusInternalServerError, `{"type":"error","error":{"message":"boom"}}`
	s := newScripted(t, get(commentsPath+"?pagelen=50", emptyPage), rateLimited, broken)
	err := s.api().UpsertComment(context.Background(), 5, marker, "plan")
	want := "creating a comment on pull request #5: POST " + commentsPath + ": 500 Internal Server Error: boom"
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

func TestUpsertCommentValidates(t *testing.T) {
	s := newScripted(t)
	a := s.api()
	for _, tc := range []struct {
		id     int
		marker string
		want   string
	}{{0, marker, "invalid id 0"}, {5, " ", "empty marker"}} {
		if err := a.UpsertComment(context.Background(), tc.id, tc.marker, "x"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error = %v, want %q", err, tc.want)
		}
	}
}

func TestUpsertCommentListFailure(t *testing.T) {
	s := newScripted(t, failing(http.MethodGet, commentsPath+"?pagelen=50", 403, "forbidden "+testToken))
	err := s.api().UpsertComment(context.Background(), 5, marker, "plan")
	if err == nil || !strings.Contains(err.Error(), "commenting on pull request #5: GET "+commentsPath+": 403 Forbidden: forbidden ****") {
		t.Errorf("error = %v", err)
	}
}

func TestCommentMarker(t *testing.T) {
	if got := CommentMarker("plan:prod"); got != marker {
		t.Errorf("CommentMarker = %q, want %q", got, marker)
	}
	if got := CommentMarker("a(b)[c]\nd"); got != "[//]: # (dbcd:abcd)" {
		t.Errorf("CommentMarker keeps characters that end the definition: %q", got)
	}
}
