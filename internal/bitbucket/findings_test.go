package bitbucket

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/diag"
)

func TestFindingsToInsightsGate(t *testing.T) {
	fs := []diag.Finding{
		{Rule: "table.drop", Severity: diag.Error, Category: "destructive", File: "a.sql", Line: 2, Message: "drops t"},
		{Rule: "column.rename", Severity: diag.Warning, File: "a.sql", Line: 1, Message: "renames c"},
	}
	for _, tc := range []struct {
		failAt      diag.Severity
		result      string
		annsResults string
	}{
		{0, ResultFailed, "PASSED FAILED"},
		{diag.Warning, ResultFailed, "FAILED FAILED"},
	} {
		rep, anns := FindingsToInsights("dbcd-review", "dbcd review", 1, fs, tc.failAt)
		if rep.Result != tc.result {
			t.Errorf("failAt %v: result %s, want %s", tc.failAt, rep.Result, tc.result)
		}
		if got := anns[0].Result + " " + anns[1].Result; got != tc.annsResults {
			t.Errorf("failAt %v: annotation results %s, want %s", tc.failAt, got, tc.annsResults)
		}
		if anns[1].Severity != SeverityCritical || anns[1].AnnotationType != AnnotationBug {
			t.Errorf("destructive error = %s %s, want CRITICAL BUG", anns[1].Severity, anns[1].AnnotationType)
		}
	}
	rep, _ := FindingsToInsights("dbcd-review", "dbcd review", 1, fs[1:], diag.Error)
	if rep.Result != ResultPassed || rep.Details != "1 warning in 1 file. Findings at level error or above fail the gate." {
		t.Errorf("warnings only: %s %q", rep.Result, rep.Details)
	}
	rep, anns := FindingsToInsights("dbcd-review", "dbcd review", 3, nil, diag.Error)
	if rep.Result != ResultPassed || len(anns) != 0 || !strings.HasPrefix(rep.Details, "No problems in 3 files.") {
		t.Errorf("clean run: %s %q %d annotations", rep.Result, rep.Details, len(anns))
	}
}

func TestFindingsToInsightsIDs(t *testing.T) {
	f := diag.Finding{Rule: "table.drop", Severity: diag.Error, File: "a.sql", Line: 2, Column: 1, Message: "drops t"}
	other := f
	other.Line = 3
	_, first := FindingsToInsights("r", "t", 1, []diag.Finding{f, other, f}, 0)
	_, again := FindingsToInsights("r", "t", 1, []diag.Finding{other, f}, 0)
	if first[0].ExternalID != again[0].ExternalID || first[2].ExternalID != again[1].ExternalID {
		t.Errorf("ids are not stable across runs: %v / %v", first, again)
	}
	if first[0].ExternalID == first[1].ExternalID || first[1].ExternalID != first[0].ExternalID+"-2" {
		t.Errorf("duplicate finding ids: %s %s %s", first[0].ExternalID, first[1].ExternalID, first[2].ExternalID)
	}
	if !strings.HasPrefix(first[0].ExternalID, "dbcd-") {
		t.Errorf("id %q lacks the dbcd- prefix", first[0].ExternalID)
	}
	if err := checkExternalIDs(first); err != nil {
		t.Error(err)
	}
}

func TestRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		status int
		header string
		want   time.Duration
	}{
		{429, "2", 2 * time.Second},
		{503, "3600", maxRetryAfter},
		{429, "Wed, 21 Oct 2015 07:28:00 GMT", 0},
		{500, "5", 0},
	} {
		resp := &http.Response{StatusCode: tc.status, Header: http.Header{"Retry-After": {tc.header}}}
		if got := retryAfter(resp); got != tc.want {
			t.Errorf("%d Retry-After %q = %v, want %v", tc.status, tc.header, got, tc.want)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	for in, want := range map[string]string{
		`{"type":"error","error":{"message":"Bad","detail":"more"}}`:   "Bad (more)",
		`{"key":"report-service.not-found","message":"Not found"}`:     "Not found",
		"<html>\n<body>Bad   Gateway</body></html>":                    "<html> <body>Bad Gateway</body></html>",
		`{"type":"error","error":{"fields":{"path":["is required"]}}}`: "path: is required",
	} {
		if got := errorMessage([]byte(in)); got != want {
			t.Errorf("errorMessage(%q) = %q, want %q", in, got, want)
		}
	}
}
