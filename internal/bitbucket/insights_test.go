package bitbucket

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

const reportURI = "http://api.bitbucket.org/2.0/repositories/acme/db/commit/abc123/reports/dbcd-review"

// manyFindings returns n findings in n files; the last nErrors are errors,
// the others warnings.
func manyFindings(n, nErrors int) []diag.Finding {
	fs := make([]diag.Finding, n)
	for i := range fs {
		fs[i] = diag.Finding{Rule: "column.require-not-null", Severity: diag.Warning, File: fmt.Sprintf("db/%05d.sql", i), Line: 1, Column: 1, Message: "nullable"}
		if i >= n-nErrors {
			fs[i].Rule, fs[i].Severity = "index.require-concurrently", diag.Error
		}
	}
	return fs
}

func publish(t *testing.T, c *InsightsClient, fs []diag.Finding) error {
	t.Helper()
	rep, anns := FindingsToInsights("dbcd-review", "dbcd review", 2, fs, diag.Error)
	return c.Publish(context.Background(), rep, anns)
}

// batchSizes returns the number of annotations in each POST.
func batchSizes(t *testing.T, reqs []recorded) []int {
	t.Helper()
	var sizes []int
	for _, r := range reqs {
		if r.Method != http.MethodPost {
			continue
		}
		var batch []map[string]any
		if err := json.Unmarshal(r.Body, &batch); err != nil {
			t.Fatalf("annotations body is not a JSON array: %v", err)
		}
		sizes = append(sizes, len(batch))
	}
	return sizes
}

func TestPublishRequests(t *testing.T) {
	fake := newFake(t)
	fs := []diag.Finding{
		{Rule: "index.require-concurrently", Severity: diag.Error, Category: "locking", File: "db/a.sql", Line: 4, Column: 1, Message: "blocks writes", Help: "use CONCURRENTLY"},
		{Rule: "column.require-not-null", Severity: diag.Warning, File: "db/b.sql", Line: 1, Column: 1, Message: "nullable"},
		{Rule: "config.unknown-key", Severity: diag.Info, Message: "a note"},
	}
	if err := publish(t, fake.client(testEnv()), fs); err != nil {
		t.Fatal(err)
	}
	reqs := fake.reqs()
	var calls []string
	for _, r := range reqs {
		calls = append(calls, r.Method+" "+r.URI)
		for _, h := range []string{"Authorization", "Proxy-Authorization", "Cookie"} {
			if v := r.Header.Get(h); v != "" {
				t.Errorf("%s %s sent %s: %q", r.Method, r.URI, h, v)
			}
		}
		if r.Method != http.MethodDelete && r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s Content-Type = %q", r.Method, r.Header.Get("Content-Type"))
		}
	}
	want := []string{"DELETE " + reportURI, "PUT " + reportURI, "POST " + reportURI + "/annotations"}
	if d := cmp.Diff(want, calls); d != "" {
		t.Fatalf("requests (-want +got):\n%s", d)
	}

	var rep map[string]any
	if err := json.Unmarshal(reqs[1].Body, &rep); err != nil {
		t.Fatal(err)
	}
	wantRep := map[string]any{
		"title": "dbcd review", "report_type": "BUG", "reporter": "dbcd", "result": "FAILED",
		"details": "1 error, 1 warning, 1 note in 2 files. Findings at level error or above fail the gate.",
		"data": []any{
			map[string]any{"title": "Files", "type": "NUMBER", "value": 2.0},
			map[string]any{"title": "Errors", "type": "NUMBER", "value": 1.0},
			map[string]any{"title": "Warnings", "type": "NUMBER", "value": 1.0},
			map[string]any{"title": "Notes", "type": "NUMBER", "value": 1.0},
			map[string]any{"title": "Gate", "type": "TEXT", "value": "error"},
		},
	}
	if d := cmp.Diff(wantRep, rep); d != "" {
		t.Errorf("report body (-want +got):\n%s", d)
	}

	var anns []map[string]any
	if err := json.Unmarshal(reqs[2].Body, &anns); err != nil {
		t.Fatal(err)
	}
	if len(anns) != 3 {
		t.Fatalf("%d annotations, want 3", len(anns))
	}
	for _, a := range anns {
		delete(a, "external_id") // checked in findings_test.go
	}
	wantAnns := []map[string]any{
		{"title": "config.unknown-key", "annotation_type": "CODE_SMELL", "summary": "a note", "details": "Rule config.unknown-key, level info.", "severity": "LOW", "result": "PASSED"},
		{"title": "index.require-concurrently", "annotation_type": "BUG", "summary": "blocks writes", "details": "use CONCURRENTLY\n\nRule index.require-concurrently (locking), level error.", "severity": "HIGH", "result": "FAILED", "path": "db/a.sql", "line": 4.0},
		{"title": "column.require-not-null", "annotation_type": "CODE_SMELL", "summary": "nullable", "details": "Rule column.require-not-null, level warning.", "severity": "MEDIUM", "result": "PASSED", "path": "db/b.sql", "line": 1.0},
	}
	if d := cmp.Diff(wantAnns, anns); d != "" {
		t.Errorf("annotations (-want +got):\n%s", d)
	}
}

func TestPublishBatches(t *testing.T) {
	fake := newFake(t)
	if err := publish(t, fake.client(testEnv()), manyFindings(250, 0)); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int{100, 100, 50}, batchSizes(t, fake.reqs())); d != "" {
		t.Errorf("batch sizes (-want +got):\n%s", d)
	}
	if n := len(fake.annotations["/2.0/repositories/acme/db/commit/abc123/reports/dbcd-review"]); n != 250 {
		t.Errorf("fake holds %d annotations, want 250", n)
	}
}

func TestPublishCapsAt1000(t *testing.T) {
	fake := newFake(t)
	if err := publish(t, fake.client(testEnv()), manyFindings(1500, 100)); err != nil {
		t.Fatal(err)
	}
	reqs := fake.reqs()
	sizes := batchSizes(t, reqs)
	if len(sizes) != 10 || sizes[0] != 100 || sizes[9] != 100 {
		t.Errorf("batch sizes = %v, want ten of 100", sizes)
	}
	var rep InsightsReport
	if err := json.Unmarshal(reqs[1].Body, &rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.Details, "500 more findings are not shown here") {
		t.Errorf("details do not say what was dropped: %q", rep.Details)
	}
	last := rep.Data[len(rep.Data)-1]
	if last.Title != "Not shown" || last.Value != 500.0 {
		t.Errorf("last data field = %+v, want Not shown = 500", last)
	}
	errs := 0
	for _, a := range fake.annotations["/2.0/repositories/acme/db/commit/abc123/reports/dbcd-review"] {
		if a.Severity == SeverityHigh {
			errs++
		}
	}
	if errs != 100 {
		t.Errorf("%d error annotations kept, want all 100", errs)
	}
}

func TestPublishReplacesOnRerun(t *testing.T) {
	fake := newFake(t)
	c := fake.client(testEnv())
	first := manyFindings(3, 1)
	if err := publish(t, c, first); err != nil {
		t.Fatal(err)
	}
	second := first[1:] // one finding was fixed
	if err := publish(t, c, second); err != nil {
		t.Fatal(err)
	}
	_, wantAnns := FindingsToInsights("dbcd-review", "", 0, second, 0)
	var want, got []string
	for _, a := range wantAnns {
		want = append(want, a.ExternalID)
	}
	for id := range fake.annotations["/2.0/repositories/acme/db/commit/abc123/reports/dbcd-review"] {
		got = append(got, id)
	}
	slices.Sort(want)
	slices.Sort(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("annotations after the re-run (-want +got):\n%s", d)
	}
	var calls []string
	for _, r := range fake.reqs() {
		calls = append(calls, r.Method)
	}
	if d := cmp.Diff([]string{"DELETE", "PUT", "POST", "DELETE", "PUT", "POST"}, calls); d != "" {
		t.Errorf("requests (-want +got):\n%s", d)
	}
}

func TestPublishRetriesServerErrors(t *testing.T) {
	fake := newFake(t)
	fake.intercept = func(n int, r recorded) (int, string, bool) {
		return 500, `{"type":"error","error":{"message":"try again"}}`, r.Method == http.MethodPut && n == 2
	}
	var logs []string
	c := fake.client(testEnv(), WithLogf(func(format string, args ...any) { logs = append(logs, fmt.Sprintf(format, args...)) }))
	if err := publish(t, c, manyFindings(1, 0)); err != nil {
		t.Fatal(err)
	}
	var calls []string
	for _, r := range fake.reqs() {
		calls = append(calls, r.Method)
	}
	if d := cmp.Diff([]string{"DELETE", "PUT", "PUT", "POST"}, calls); d != "" {
		t.Errorf("requests (-want +got):\n%s", d)
	}
	if len(logs) != 1 || !strings.Contains(logs[0], "500 Internal Server Error: try again; retrying") {
		t.Errorf("logs = %q", logs)
	}
}

func TestPublishGivesUpAfterThreeTries(t *testing.T) {
	fake := newFake(t)
	fake.intercept = func(_ int, r recorded) (int, string, bool) {
		return 503, "upstream unavailable", r.Method == http.MethodPut
	}
	err := publish(t, fake.client(testEnv()), nil)
	if err == nil || !strings.Contains(err.Error(), "503 Service Unavailable: upstream unavailable") {
		t.Fatalf("error = %v", err)
	}
	puts := 0
	for _, r := range fake.reqs() {
		if r.Method == http.MethodPut {
			puts++
		}
	}
	if puts != maxTries {
		t.Errorf("%d PUTs, want %d", puts, maxTries)
	}
}

func TestPublishSurfacesAPIError(t *testing.T) {
	fake := newFake(t)
	fake.intercept = func(_ int, r recorded) (int, string, bool) {
		return 400, `{"type":"error","error":{"message":"Bad request","fields":{"summary":["too long"],"line":["must be positive"]}}}`, r.Method == http.MethodPost
	}
	err := publish(t, fake.client(testEnv()), manyFindings(150, 0))
	want := "posting code insights annotations (0 of 150 posted): POST /2.0/repositories/acme/db/commit/abc123/reports/dbcd-review/annotations: 400 Bad Request: Bad request; line: must be positive; summary: too long"
	if err == nil || err.Error() != want {
		t.Fatalf("error =\n%v\nwant\n%s", err, want)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 400 {
		t.Errorf("error is not an *APIError with status 400: %#v", err)
	}
	if posts := len(batchSizes(t, fake.reqs())); posts != 1 {
		t.Errorf("%d POSTs, want 1 (a 400 is not retried)", posts)
	}
}

func TestPublishDoesNotIgnoreDeleteErrors(t *testing.T) {
	fake := newFake(t)
	fake.intercept = func(_ int, r recorded) (int, string, bool) {
		return 403, `{"type":"error","error":{"message":"no access"}}`, r.Method == http.MethodDelete
	}
	err := publish(t, fake.client(testEnv()), nil)
	if err == nil || !strings.Contains(err.Error(), "replacing code insights report: DELETE") || !strings.Contains(err.Error(), "no access") {
		t.Errorf("error = %v", err)
	}
}

func TestPublishHonoursContext(t *testing.T) {
	fake := newFake(t)
	fake.intercept = func(int, recorded) (int, string, bool) { return 500, "", true }
	c := fake.client(testEnv(), WithRetryDelay(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	rep, anns := FindingsToInsights("dbcd-review", "t", 0, nil, 0)
	if err := c.Publish(ctx, rep, anns); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want a deadline error", err)
	}
}

func TestPublishValidates(t *testing.T) {
	fake := newFake(t)
	c := fake.client(testEnv())
	ctx := context.Background()
	rep, anns := FindingsToInsights("dbcd-review", "t", 1, manyFindings(2, 0), 0)
	for name, tc := range map[string]struct {
		rep  InsightsReport
		anns []Annotation
		want string
	}{
		"no id":         {InsightsReport{}, nil, "report has no id"},
		"too much data": {InsightsReport{ID: "x", Data: make([]DataField, 11)}, nil, "11 data fields, at most 10"},
		"duplicate ids": {rep, []Annotation{anns[0], anns[0]}, "is used twice"},
		"no ext id":     {rep, []Annotation{{Summary: "s"}}, "has no external id"},
	} {
		if err := c.Publish(ctx, tc.rep, tc.anns); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want %q", name, err, tc.want)
		}
	}
	if n := len(fake.reqs()); n != 0 {
		t.Errorf("%d requests sent for invalid input", n)
	}
}

func TestPublishTruncatesTexts(t *testing.T) {
	fake := newFake(t)
	long := strings.Repeat("é", 3000)
	rep := InsightsReport{ID: "dbcd-review", Title: long, Details: long}
	anns := []Annotation{{ExternalID: "dbcd-1", Summary: long, Details: long, Title: long}}
	if err := fake.client(testEnv()).Publish(context.Background(), rep, anns); err != nil {
		t.Fatal(err)
	}
	a := fake.annotations["/2.0/repositories/acme/db/commit/abc123/reports/dbcd-review"]["dbcd-1"]
	for name, tc := range map[string]struct {
		got  string
		want int
	}{"summary": {a.Summary, maxSummaryLen}, "details": {a.Details, maxDetailsLen}, "title": {a.Title, maxTitleLen}} {
		if n := len([]rune(tc.got)); n != tc.want || !strings.HasSuffix(tc.got, "é…") {
			t.Errorf("%s: %d characters, want %d ending in …", name, n, tc.want)
		}
	}
}

func TestInsightsDirectBaseURL(t *testing.T) {
	fake := newFake(t)
	env := testEnv()
	env.APIURL = fake.srv.URL + "/2.0/"
	c, err := NewInsights(env, WithRetryDelay(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if err := publish(t, c, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := fake.reqs()[0].URI, "/2.0/repositories/acme/db/commit/abc123/reports/dbcd-review"; got != want {
		t.Errorf("request target = %q, want %q", got, want)
	}
}

func TestInsightsLocalProxy(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, proxiedAPIURL, nil)
	for _, tc := range []struct {
		pipeDir, want string
	}{{"", "http://localhost:29418"}, {"/opt/atlassian/pipelines/agent/build/.bitbucket/pipelines/generated/pipeline/pipes", "http://host.docker.internal:29418"}} {
		env := testEnv()
		env.PipeStorageDir = tc.pipeDir
		c, err := NewInsights(env)
		if err != nil {
			t.Fatal(err)
		}
		if c.c.base.String() != proxiedAPIURL {
			t.Errorf("base = %s, want %s", c.c.base, proxiedAPIURL)
		}
		u, err := c.c.http.Transport.(*http.Transport).Proxy(req)
		if err != nil || u.String() != tc.want {
			t.Errorf("pipe dir %q: proxy = %v, %v; want %s", tc.pipeDir, u, err, tc.want)
		}
	}
}

func TestNewInsightsNeedsCommit(t *testing.T) {
	env := testEnv()
	env.Commit, env.RepoSlug = "", ""
	_, err := NewInsights(env)
	if err == nil || err.Error() != "code insights need BITBUCKET_REPO_SLUG and BITBUCKET_COMMIT" {
		t.Errorf("error = %v", err)
	}
}

func TestNewInsightsRejectsCredentialsInBase(t *testing.T) {
	env := testEnv()
	env.APIURL = "https://bot:" + testToken + "@bitbucket.example/2.0"
	_, err := NewInsights(env)
	if err == nil || !strings.Contains(err.Error(), "must not carry credentials") || strings.Contains(err.Error(), testToken) {
		t.Errorf("error = %v", err)
	}
}
