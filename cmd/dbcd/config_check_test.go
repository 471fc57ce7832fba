package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/iostreams"
)

// baseConfig is a valid configuration the broken cases start from.
const baseConfig = `migrations:
  dir: bytebase
stages:
  - name: test
    targets:
      - { db: employee, url: "${TEST_URL}" }
  - name: prod
    after: [test]
    policy: prod
    targets:
      - { db: employee, url: "${PROD_URL}" }
review:
  policies:
    prod: { extends: recommended, gate: warning }
roles:
  dba: ["{b5b1c2d3-aaaa-bbbb-cccc-ddddeeeeffff}"]
approval:
  high: [dba]
`

const testPassword = "s3cr3t-Pa55"

func baseEnv(extra ...string) map[string]string {
	m := map[string]string{
		"TEST_URL": "postgres://dbcd:" + testPassword + "@localhost:5432/employee",
		"PROD_URL": "postgresql://admin:" + testPassword + "@prod.example:5432/employee?sslmode=require",
	}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return m
}

// runIn runs dbcd in dir with the given environment and returns exit code,
// stdout and stderr.
func runIn(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(wd) }()
	streams, _, out, errOut := iostreams.Test()
	code := run(args, streams, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

// writeTree writes files (path -> content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestConfigCheckValid(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"dbcd.yaml": baseConfig,
		"bytebase/test/employee##202311011700##ddl##create.sql":   "CREATE TABLE employee (id int PRIMARY KEY);\n",
		"bytebase/prod/employee##202311011700##ddl##create.sql":   "CREATE TABLE employee (id int PRIMARY KEY);\n",
		"bytebase/prod/employee##202311012500##dml##backfill.sql": "UPDATE employee SET id = id;\n",
		"bytebase/prod/.employee##LATEST.sql":                     "-- written by writeback\n",
	})
	code, out, errOut := runIn(t, dir, baseEnv(), "config", "check")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"1. test", "2. prod", "after test", "policy prod",
		"bytebase/prod/employee##202311012500##dml##backfill.sql",
		"postgres://dbcd:xxxxx@localhost:5432/employee",
		"3 migration files are valid",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, testPassword) {
		t.Errorf("password leaked:\n%s%s", out, errOut)
	}
}
