package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigCheckBrokenTrees feeds broken migration trees to `dbcd config
// check` and checks that each exits 2 naming every bad file and what is wrong.
func TestConfigCheckBrokenTrees(t *testing.T) {
	const ok = "CREATE TABLE t (id int);\n"
	const p = "bytebase/prod/"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"name does not fit", map[string]string{p + "employee_202311012500_ddl.sql": ok},
			[]string{p + "employee_202311012500_ddl.sql", "##"}},
		{"missing description", map[string]string{p + "employee##202311012500##ddl.sql": ok},
			[]string{p + "employee##202311012500##ddl.sql"}},
		{"bad version", map[string]string{p + "employee##2023a##ddl##x.sql": ok},
			[]string{p + "employee##2023a##ddl##x.sql", `"2023a"`, "digits"}},
		{"empty version", map[string]string{p + "employee####ddl##x.sql": ok},
			[]string{p + "employee####ddl##x.sql"}},
		{"unknown type", map[string]string{p + "employee##1##schema##x.sql": ok},
			[]string{p + "employee##1##schema##x.sql", `"schema"`, "ddl"}},
		{"duplicate ddl version", map[string]string{p + "employee##1##ddl##a.sql": ok, p + "employee##1##migrate##b.sql": ok},
			[]string{p + "employee##1##ddl##a.sql", p + "employee##1##migrate##b.sql", "duplicate"}},
		{"ddl and baseline share a version", map[string]string{p + "employee##7##ddl##a.sql": ok, p + "employee##7##baseline##b.sql": ok},
			[]string{p + "employee##7##baseline##b.sql", "duplicate"}},
		{"unknown stage directory", map[string]string{"bytebase/staging/employee##1##ddl##a.sql": ok},
			[]string{"bytebase/staging/employee##1##ddl##a.sql", `unknown stage "staging"`}},
		{"database not served", map[string]string{p + "payroll##1##ddl##a.sql": ok},
			[]string{p + "payroll##1##ddl##a.sql", `"payroll"`}},
		{"too deep", map[string]string{p + "extra/employee##1##ddl##a.sql": ok},
			[]string{p + "extra/employee##1##ddl##a.sql"}},
		{"not in a stage directory", map[string]string{"bytebase/employee##1##ddl##a.sql": ok},
			[]string{"bytebase/employee##1##ddl##a.sql"}},
		{"non-UTF-8", map[string]string{p + "employee##1##ddl##a.sql": "SELECT 1;\nSELECT '\xff\xfe';\n"},
			[]string{p + "employee##1##ddl##a.sql", "2:9", "UTF-8"}},
		{"empty file", map[string]string{p + "employee##1##ddl##a.sql": ""},
			[]string{p + "employee##1##ddl##a.sql", "no SQL statements"}},
		{"comments only", map[string]string{p + "employee##1##ddl##a.sql": "-- TODO\n/* later; */\n"},
			[]string{p + "employee##1##ddl##a.sql", "no SQL statements"}},
		{"unknown directive", map[string]string{p + "employee##1##ddl##a.sql": "-- dbcd:frobnicate\n" + ok},
			[]string{p + "employee##1##ddl##a.sql", "1:1", "frobnicate"}},
		{"bad timeout", map[string]string{p + "employee##1##ddl##a.sql": "-- dbcd:lock-timeout soon\n" + ok},
			[]string{p + "employee##1##ddl##a.sql", "1:1", "soon"}},
		{"negative timeout", map[string]string{p + "employee##1##ddl##a.sql": ok + "-- dbcd:statement-timeout -5s\n"},
			[]string{p + "employee##1##ddl##a.sql", "2:1", "-5s"}},
		{"ignore without rules", map[string]string{p + "employee##1##ddl##a.sql": "-- dbcd:ignore\n" + ok},
			[]string{p + "employee##1##ddl##a.sql", "1:1", "ignore"}},
		{"ignore-file after first statement", map[string]string{p + "employee##1##ddl##a.sql": ok + "-- dbcd:ignore-file table.drop\n"},
			[]string{p + "employee##1##ddl##a.sql", "2:1", "ignore-file"}},
		{"every problem at once", map[string]string{
			p + "employee##x##ddl##a.sql":         ok,
			p + "employee##2##ddl##b.sql":         "",
			"bytebase/qa/employee##3##ddl##c.sql": ok,
			p + "employee##4##ddl##d.sql":         "-- dbcd:lock-timeout forever\n" + ok,
			p + "employee##5##ddl##fine.sql":      ok,
			p + ".employee##LATEST.sql":           "ignored",
			p + "README.md":                       "ignored",
		}, []string{p + "employee##x##ddl##a.sql", p + "employee##2##ddl##b.sql", "bytebase/qa/employee##3##ddl##c.sql",
			p + "employee##4##ddl##d.sql", "4 errors"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"dbcd.yaml": baseConfig}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := writeTree(t, files)
			if err := os.MkdirAll(filepath.Join(dir, "bytebase", "test"), 0o755); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runIn(t, dir, baseEnv(), "config", "check")
			if code != 2 {
				t.Fatalf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
			all := out + errOut
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("output lacks %q:\n%s", w, all)
				}
			}
		})
	}
}

func TestConfigCheckMissingMigrationsDir(t *testing.T) {
	dir := writeTree(t, map[string]string{"dbcd.yaml": baseConfig})
	code, out, errOut := runIn(t, dir, baseEnv(), "config", "check")
	if code != 2 || !strings.Contains(out+errOut, `"bytebase"`) {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}
