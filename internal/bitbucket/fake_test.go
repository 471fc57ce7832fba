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
)

// testToken is the access token in the test environment; no request, error
// or log line may contain it.
const testToken = "bbtok-SECRET-7f3a9c"

// testEnv is a Pipelines step on commit abc123 of acme/db.
func testEnv() Env {
	vars := map[string]string{
		"BITBUCKET_BUILD_NUMBER":   "42",
		"BITBUCKET_REPO_FULL_NAME": "acme/db",
		"BITBUCKET_COMMIT":         "abc123",
		"BITBUCKET_ACCESS_TOKEN":   testToken,
	}
	return FromEnv(func(k string) string { return vars[k] })
}

// recorded is one request the fake received.
type recorded struct {
	Method string
	URI    string // the request target as sent: absolute when proxied
	Path   string
	Header http.Header
	Body   []byte
}

// fakeBitbucket stands in for the pipeline's proxy and the Code Insights
// API behind it. It keeps reports and their annotations, enforces the API's
// limits, and records every request.
type fakeBitbucket struct {
	t           *testing.T
	srv         *httptest.Server
	mu          sync.Mutex
	requests    []recorded
	reports     map[string]map[string]any
	annotations map[string]map[string]Annotation
	// intercept, when set, may answer a request instead of the fake API.
	intercept func(n int, r recorded) (status int, body string, ok bool)
}

func newFake(t *testing.T) *fakeBitbucket {
	f := &fakeBitbucket{t: t, reports: map[string]map[string]any{}, annotations: map[string]map[string]Annotation{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// client returns an Insights client that uses the fake as its local proxy.
func (f *fakeBitbucket) client(env Env, opts ...Option) *InsightsClient {
	f.t.Helper()
	opts = append([]Option{WithProxyURL(f.srv.URL), WithRetryDelay(time.Millisecond)}, opts...)
	c, err := NewInsights(env, opts...)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fakeBitbucket) reqs() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func (f *fakeBitbucket) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := recorded{Method: r.Method, URI: r.RequestURI, Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, rec)
	if f.intercept != nil {
		if status, msg, ok := f.intercept(len(f.requests), rec); ok {
			w.WriteHeader(status)
			_, _ = io.WriteString(w, msg)
			return
		}
	}
	status, out := f.api(rec)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(out)
}

// api plays the reports API: DELETE and PUT on a report, POST on its
// annotations.
func (f *fakeBitbucket) api(r recorded) (int, any) {
	report, isAnns := strings.CutSuffix(r.Path, "/annotations")
	switch {
	case r.Method == http.MethodDelete && !isAnns:
		if _, ok := f.reports[report]; !ok {
			return http.StatusNotFound, apiError("report not found")
		}
		delete(f.reports, report)
		delete(f.annotations, report)
		return http.StatusNoContent, nil
	case r.Method == http.MethodPut && !isAnns:
		var rep map[string]any
		if err := json.Unmarshal(r.Body, &rep); err != nil {
			return http.StatusBadRequest, apiError(err.Error())
		}
		f.reports[report] = rep
		return http.StatusOK, rep
	case r.Method == http.MethodPost && isAnns:
		if _, ok := f.reports[report]; !ok {
			return http.StatusNotFound, apiError("report not found")
		}
		var anns []Annotation
		if err := json.Unmarshal(r.Body, &anns); err != nil {
			return http.StatusBadRequest, apiError(err.Error())
		}
		if len(anns) > AnnotationBatchSize {
			return http.StatusBadRequest, apiError(fmt.Sprintf("%d annotations in one request", len(anns)))
		}
		if f.annotations[report] == nil {
			f.annotations[report] = map[string]Annotation{}
		}
		for _, a := range anns {
			f.annotations[report][a.ExternalID] = a
		}
		if len(f.annotations[report]) > MaxAnnotations {
			return http.StatusBadRequest, apiError("too many annotations")
		}
		return http.StatusOK, anns
	}
	return http.StatusMethodNotAllowed, apiError("unexpected " + r.Method + " " + r.Path)
}

func apiError(msg string) map[string]any {
	return map[string]any{"type": "error", "error": map[string]any{"message": msg}}
}
