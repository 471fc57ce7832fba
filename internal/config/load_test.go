package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const validYAML = `migrations:
  dir: bytebase
stages:
  - name: test
    targets:
      - { db: employee, url: "${TEST_EMPLOYEE_URL}" }
  - name: prod
    after: [test]
    policy: prod
    rollout:
      manual: true
      roles: [dba]
      waves: ["1", "25%", "100%"]
      parallel: 4
    targets:
      - { db: employee, url: "${PROD_EMPLOYEE_URL}" }
review:
  policies:
    prod:
      extends: recommended
      gate: warning
      rules:
        column.no-null: warning
        table.drop-naming-convention: { level: error, format: "_del$" }
roles:
  owner: ["557058:0a1b2c3d-1111-2222-3333-444455556666"]
  dba:   ["{b5b1c2d3-aaaa-bbbb-cccc-ddddeeeeffff}"]
risk:
  - { level: high, when: 'environment_id == "prod" && change_type == "ddl"' }
approval:
  high: [owner, dba]
apply:
  lock_timeout: 7s
`

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func write(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "bytebase"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var urls = []string{"TEST_EMPLOYEE_URL", "postgres://u:pw1@localhost/employee", "PROD_EMPLOYEE_URL", "postgres://u:pw2@prod/employee"}

func TestLoadValid(t *testing.T) {
	p := write(t, validYAML)
	cfg, err := Load(Options{Path: p, Getenv: env(urls...)})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := cfg.StageNames(); !cmp.Equal(got, []string{"test", "prod"}) {
		t.Errorf("stages = %v", got)
	}
	prod, _ := cfg.Stage("prod")
	if prod.Targets[0].URL != "postgres://u:pw2@prod/employee" || prod.Targets[0].Name != "employee" {
		t.Errorf("prod target = %+v", prod.Targets[0])
	}
	if cfg.Apply.LockTimeout.D() != 7*time.Second || cfg.Apply.LockWait.D() != 10*time.Minute || cfg.Apply.LockRetries != 3 {
		t.Errorf("apply = %+v", cfg.Apply)
	}
	rule := cfg.Review.Policies["prod"].Rules["table.drop-naming-convention"]
	if rule.Level != "error" || rule.Options["format"] != "_del$" {
		t.Errorf("rule with options = %+v", rule)
	}
	if cfg.Review.Policies["prod"].Rules["column.no-null"].Level != "warning" {
		t.Errorf("rule ids with dots must stay keys: %+v", cfg.Review.Policies["prod"].Rules)
	}
	if cfg.Migrations.Template == "" || cfg.History.Table != "dbcd.migration_history" {
		t.Errorf("defaults not applied: %+v %+v", cfg.Migrations, cfg.History)
	}
	if cfg.Root != filepath.Dir(p) {
		t.Errorf("Root = %s", cfg.Root)
	}
}

func TestEnvOverrides(t *testing.T) {
	p := write(t, validYAML)
	getenv := env(append(urls, "DBCD_APPLY_LOCK_TIMEOUT", "30s", "DBCD_MIGRATIONS_OUT_OF_ORDER", "error", "DBCD_APPLY_LOCK_RETRIES", "9")...)
	cfg, err := Load(Options{Path: p, Getenv: getenv})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Apply.LockTimeout.D() != 30*time.Second || cfg.Migrations.OutOfOrder != "error" || cfg.Apply.LockRetries != 9 {
		t.Errorf("overrides not applied: %+v %+v", cfg.Apply, cfg.Migrations)
	}
	_, err = Load(Options{Path: p, Getenv: env(append(urls, "DBCD_APPLY_LOCK_RETRIES", "many")...)})
	if err == nil || !strings.Contains(err.Error(), "DBCD_APPLY_LOCK_RETRIES") {
		t.Errorf("bad override error = %v", err)
	}
}

func TestUnsetVariableNamedNotValued(t *testing.T) {
	p := write(t, validYAML)
	_, err := Load(Options{Path: p, Getenv: env("TEST_EMPLOYEE_URL", "postgres://u:topsecret@h/db")})
	var cerr *Error
	if !errors.As(err, &cerr) || len(cerr.Problems) != 1 {
		t.Fatalf("err = %v", err)
	}
	pr := cerr.Problems[0]
	if pr.Key != "stages[1].targets[0].url" || pr.Line != 16 || !strings.Contains(pr.Message, "PROD_EMPLOYEE_URL") {
		t.Errorf("problem = %+v", pr)
	}
	if strings.Contains(err.Error(), "topsecret") {
		t.Error("error leaks a variable's value")
	}
}

func TestExpandVars(t *testing.T) {
	get := env("A", "x", "EMPTY", "")
	tests := []struct{ in, want, missing string }{
		{"plain", "plain", ""},
		{"${A}/${A}", "x/x", ""},
		{"$${A}", "${A}", ""},
		{"${B:-def}", "def", ""},
		{"${EMPTY}", "", "EMPTY"},
		{"cost $5", "cost $5", ""},
		{"${B}", "", "B"},
	}
	for _, tt := range tests {
		got, missing, err := expandVars(tt.in, get)
		if err != nil || got != tt.want || strings.Join(missing, ",") != tt.missing {
			t.Errorf("expandVars(%q) = %q, %v, %v; want %q missing %q", tt.in, got, missing, err, tt.want, tt.missing)
		}
	}
	for _, bad := range []string{"${A", "${1A}", "${}"} {
		if _, _, err := expandVars(bad, get); err == nil {
			t.Errorf("expandVars(%q) succeeded", bad)
		}
	}
}

func TestNotFound(t *testing.T) {
	_, err := Load(Options{Dir: t.TempDir(), Getenv: env()})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "dbcd init") {
		t.Errorf("err = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(validYAML)
	f.Add("stages: [{name: a, targets: [{db: x, url: 'host=h'}]}]\n")
	f.Add("roles: {a: [1]}\nrisk: [{level: x, when: '1 +'}]")
	f.Fuzz(func(t *testing.T, s string) {
		_, ps := parse([]byte(s), env(urls...))
		for _, p := range ps {
			if p.Message == "" {
				t.Fatalf("problem without message: %+v", p)
			}
		}
	})
}
