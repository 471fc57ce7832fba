package bitbucket

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// exchange is one request a scripted API expects, and its answer.
type exchange struct {
	Method string
	URI    string // path and query as sent, e.g. /2.0/user?pagelen=50
	Body   string // the JSON body expected, or "" for none
	Status int    // default 200
	Answer string // "{base}" is replaced by the server's API base
}

// scriptedAPI is a Bitbucket API that expects exactly the requests of its
// script, in order, each with the Bearer token, and answers them.
type scriptedAPI struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	script []exchange
	n      int
}

// newScripted starts a scripted API and checks at the end of the test that
// every exchange took place.
func newScripted(t *testing.T, script ...exchange) *scriptedAPI {
	s := &scriptedAPI{t: t, script: script}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		s.srv.Close()
		if s.n != len(s.script) {
			t.Errorf("%d requests made, the script expects %d", s.n, len(s.script))
		}
	})
	return s
}

// base is the fake's API base.
func (s *scriptedAPI) base() string { return s.srv.URL + "/2.0" }

// api returns a token client of acme/db against the fake.
func (s *scriptedAPI) api(opts ...Option) *API {
	s.t.Helper()
	opts = append([]Option{WithBaseURL(s.base()), WithRetryDelay(time.Millisecond)}, opts...)
	a, err := NewAPI(testEnv(), opts...)
	if err != nil {
		s.t.Fatal(err)
	}
	return a
}

func (s *scriptedAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.t
	if s.n >= len(s.script) {
		t.Errorf("unexpected request %s %s", r.Method, r.RequestURI)
		w.WriteHeader(http.StatusTeapot)
		return
	}
	want := s.script[s.n]
	s.n++
	if got := r.Method + " " + r.RequestURI; got != want.Method+" "+want.URI {
		t.Errorf("request %d = %s, want %s %s", s.n, got, want.Method, want.URI)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Errorf("request %d: Authorization = %q", s.n, got)
	}
	if want.Body == "" {
		if len(body) != 0 {
			t.Errorf("request %d: unexpected body %s", s.n, body)
		}
	} else {
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("request %d: Content-Type = %q", s.n, ct)
		}
		var got, exp any
		if err := json.Unmarshal(body, &got); err != nil {
			t.Errorf("request %d: body is not JSON: %v", s.n, err)
		}
		if err := json.Unmarshal([]byte(want.Body), &exp); err != nil {
			t.Fatalf("script body %d is not JSON: %v", s.n, err)
		}
		if d := cmp.Diff(exp, got); d != "" {
			t.Errorf("request %d body (-want +got):\n%s", s.n, d)
		}
	}
	status := want.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, strings.ReplaceAll(want.Answer, "{base}", s.base()))
}

// get is a GET exchange answered with answer.
func get(uri, answer string) exchange {
	return exchange{Method: http.MethodGet, URI: uri, Answer: answer}
}

// failing is an exchange answered with an error status and message.
func failing(method, uri string, status int, msg string) exchange {
	return exchange{Method: method, URI: uri, Status: status, Answer: fmt.Sprintf(`{"type":"error","error":{"message":%q}}`, msg)}
}

// prJSON is pull request id as the API sends it, approved by the given
// account ids.
func prJSON(id int, approvedBy ...string) string {
	parts := []string{`{"user":{"uuid":"{author-uuid}","account_id":"557058:author"},"role":"PARTICIPANT","approved":false,"state":null,"participated_on":null}`}
	for _, a := range approvedBy {
		parts = append(parts, fmt.Sprintf(`{"user":{"uuid":"{uuid-%s}","account_id":"%s","display_name":"User %s"},"role":"REVIEWER","approved":true,"state":"approved","participated_on":"2024-05-01T10:00:00.123456+00:00"}`, a, a, a))
	}
	return fmt.Sprintf(`{"id":%d,"title":"PR %d","state":"OPEN",
		"author":{"uuid":"{author-uuid}","account_id":"557058:author","display_name":"Author","nickname":"auth"},
		"participants":[%s],
		"source":{"branch":{"name":"feature-%d"},"commit":{"hash":"abc123"}},
		"destination":{"branch":{"name":"main"},"commit":{"hash":"def456"}},
		"links":{"html":{"href":"https://bitbucket.org/acme/db/pull-requests/%d"}}}`, id, id, strings.Join(parts, ","), id, id)
}
