package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestReviewPublishesCodeInsights runs review as a Bitbucket pull request
// step and checks the Code Insights requests it sends: the report replaced on
// the commit, then its annotations with path, line, severity and rule.
func TestReviewPublishesCodeInsights(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	var report map[string]any
	var annotations []map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Header.Get("Authorization") != "" {
			t.Errorf("%s %s carries credentials", r.Method, r.URL.Path)
		}
		calls = append(calls, r.Method+" "+r.URL.Path)
		body, _ := io.ReadAll(r.Body)
		switch {
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case r.Method == http.MethodPut:
			if err := json.Unmarshal(body, &report); err != nil {
				t.Errorf("report body: %v", err)
			}
			_, _ = w.Write([]byte(`{}`))
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/annotations"):
			var batch []map[string]any
			if err := json.Unmarshal(body, &batch); err != nil {
				t.Errorf("annotations body: %v", err)
			}
			annotations = append(annotations, batch...)
			_, _ = w.Write(body)
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()

	dir := writeTree(t, map[string]string{
		"dbcd.yaml": strings.Replace(baseConfig, "prod: { extends: recommended, gate: warning }",
			"prod: { extends: recommended, gate: warning, rules: { column.no-null: warning } }", 1),
		"bytebase/prod/employee##1##ddl##create.sql": "CREATE TABLE employee (id int PRIMARY KEY);\n",
		"bytebase/prod/employee##2##ddl##nick.sql":   "ALTER TABLE \"public\".\"employee\" ADD COLUMN \"nick_name\" text;\n",
		"bytebase/test/.keep":                        "",
	})
	env := baseEnv(
		"BITBUCKET_BUILD_NUMBER", "42", "BITBUCKET_COMMIT", "0123456789abcdef",
		"BITBUCKET_REPO_FULL_NAME", "acme/db", "BITBUCKET_WORKSPACE", "acme", "BITBUCKET_REPO_SLUG", "db",
		"DBCD_BITBUCKET_API_URL", srv.URL+"/2.0", "BITBUCKET_ACCESS_TOKEN", "tok-SECRET-123",
	)
	code, out, errOut := runIn(t, dir, env, "review", "--output", "junit=test-results/dbcd.xml", "--output", "codeinsights")
	if code != 1 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{
		"DELETE /2.0/repositories/acme/db/commit/0123456789abcdef/reports/dbcd-review",
		"PUT /2.0/repositories/acme/db/commit/0123456789abcdef/reports/dbcd-review",
		"POST /2.0/repositories/acme/db/commit/0123456789abcdef/reports/dbcd-review/annotations",
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	if report["result"] != "FAILED" || report["reporter"] != "dbcd" {
		t.Errorf("report = %v", report)
	}
	if len(annotations) != 1 {
		t.Fatalf("annotations = %v", annotations)
	}
	a := annotations[0]
	if a["path"] != "bytebase/prod/employee##2##ddl##nick.sql" || a["line"] != float64(1) || !strings.Contains(a["summary"].(string), "nick_name") {
		t.Errorf("annotation = %v", a)
	}
	if strings.Contains(out+errOut, "tok-SECRET-123") {
		t.Error("token printed")
	}
}
