package main

import (
	"testing"

	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/history"
)

func TestWritebackPushOptions(t *testing.T) {
	cfg := &config.Config{Writeback: config.Writeback{Branch: "main"}}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		name       string
		vars       map[string]string
		url, proxy string
	}{
		{"terminal", nil, "", ""},
		{"pipelines", map[string]string{"BITBUCKET_BUILD_NUMBER": "7", "BITBUCKET_GIT_HTTP_ORIGIN": "http://bitbucket.org/ws/repo"}, "http://bitbucket.org/ws/repo", "http://localhost:29418"},
		{"pipe", map[string]string{"BITBUCKET_BUILD_NUMBER": "7", "BITBUCKET_GIT_HTTP_ORIGIN": "http://bitbucket.org/ws/repo", "BITBUCKET_PIPE_STORAGE_DIR": "/x"}, "http://bitbucket.org/ws/repo", "http://host.docker.internal:29418"},
	} {
		po := pushOptions(cfg, env(tc.vars))
		if po.Branch != "main" || po.URL != tc.url || po.ProxyURL != tc.proxy || po.Remote != "" {
			t.Errorf("%s: %+v", tc.name, po)
		}
	}
}

func TestWritebackSchemaPath(t *testing.T) {
	cfg := &config.Config{Migrations: config.Migrations{Dir: "bytebase"}}
	if p, err := schemaPath(cfg, "prod", "employee"); err != nil || p != "bytebase/prod/.employee##LATEST.sql" {
		t.Fatalf("default: %q %v", p, err)
	}
	cfg.Migrations.SchemaTemplate = "latest/{{DB_NAME}}.sql"
	if p, err := schemaPath(cfg, "prod", "employee"); err != nil || p != "bytebase/latest/employee.sql" {
		t.Fatalf("without ENV_ID: %q %v", p, err)
	}
	for _, db := range []string{"../../etc", "/abs", `a\b`} {
		cfg.Migrations.SchemaTemplate = "{{DB_NAME}}/x.sql"
		if db == "/abs" {
			cfg.Migrations.SchemaTemplate = "{{DB_NAME}}"
		}
		if p, err := schemaPath(cfg, "prod", db); err == nil {
			t.Errorf("db %q: accepted %q", db, p)
		}
	}
}

func TestWritebackHighestVersion(t *testing.T) {
	rows := []history.Row{
		{DB: "employee", Version: "1.10", Status: history.StatusDone},
		{DB: "employee", Version: "1.9", Status: history.StatusDone},
		{DB: "employee", Version: "2", Status: history.StatusFailed},
		{DB: "other", Version: "3", Status: history.StatusDone},
	}
	if got := highestVersion(rows, "employee"); got != "1.10" {
		t.Fatalf("got %q", got)
	}
	if got := highestVersion(nil, "employee"); got != "none" {
		t.Fatalf("got %q", got)
	}
}
