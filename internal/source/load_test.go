package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// writeTree creates files (slash paths relative to root) with their content.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var twoStages = []Stage{
	{Name: "test", Databases: []string{"employee", "payroll"}},
	{Name: "prod", Databases: []string{"employee"}},
}

// summary is a comparable view of a File.
type summary struct {
	Path, Stage, DB, Version string
	Type                     Type
}

func summarize(fs []*File) []summary {
	var out []summary
	for _, f := range fs {
		out = append(out, summary{f.Path, f.Stage, f.DB, f.Version.String(), f.Type})
	}
	return out
}

// problemMessages lists problems as their Error strings.
func problemMessages(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is %T, want Problems", err, err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

func TestLoadDefaultLayout(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"bytebase/prod/employee##202311012500##ddl##add_nickname.sql":  "ALTER TABLE employee ADD COLUMN nick text;\r\n",
		"bytebase/prod/employee##202311011700##ddl##add_country.sql":   "ALTER TABLE employee ADD COLUMN country text;",
		"bytebase/prod/employee##202311011700##DATA##fill_country.sql": "UPDATE employee SET country = 'x';",
		"bytebase/prod/.employee##LATEST.sql":                          "garbage",
		"bytebase/prod/README.md":                                      "notes",
		"bytebase/.git/objects/x##1##ddl##y.sql":                       "",
		"bytebase/test/payroll##1.10##migrate##a.sql":                  "CREATE TABLE p();",
		"bytebase/test/payroll##1.9##baseline##init.sql":               "CREATE TABLE q();",
		"bytebase/test/employee##202311011700##ddl##add_country.sql":   "ALTER TABLE employee ADD COLUMN country text;",
		"other/ignored##x.sql":                                         "not under migrations.dir",
	})
	tree, err := Load(context.Background(), Options{Root: root, Dir: "bytebase", Stages: twoStages})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []summary{
		{"bytebase/prod/employee##202311011700##ddl##add_country.sql", "prod", "employee", "202311011700", TypeDDL},
		{"bytebase/test/employee##202311011700##ddl##add_country.sql", "test", "employee", "202311011700", TypeDDL},
		{"bytebase/prod/employee##202311011700##DATA##fill_country.sql", "prod", "employee", "202311011700", TypeDML},
		{"bytebase/prod/employee##202311012500##ddl##add_nickname.sql", "prod", "employee", "202311012500", TypeDDL},
		{"bytebase/test/payroll##1.9##baseline##init.sql", "test", "payroll", "1.9", TypeBaseline},
		{"bytebase/test/payroll##1.10##migrate##a.sql", "test", "payroll", "1.10", TypeDDL},
	}
	if d := cmp.Diff(want, summarize(tree.Files)); d != "" {
		t.Errorf("Files (-want +got):\n%s", d)
	}
	wantProd := []string{
		"bytebase/prod/employee##202311011700##ddl##add_country.sql",
		"bytebase/prod/employee##202311011700##DATA##fill_country.sql",
		"bytebase/prod/employee##202311012500##ddl##add_nickname.sql",
	}
	var gotProd []string
	for _, f := range tree.ForStage("prod") {
		gotProd = append(gotProd, f.Path)
	}
	if d := cmp.Diff(wantProd, gotProd); d != "" {
		t.Errorf("ForStage(prod) (-want +got):\n%s", d)
	}
	if got := len(tree.ForStage("test")); got != 3 {
		t.Errorf("ForStage(test) has %d files, want 3", got)
	}
	if got := tree.ForStage("nope"); got != nil {
		t.Errorf("ForStage(nope) = %v, want nil", got)
	}
	f := tree.Files[3]
	if f.TypeToken != "ddl" || f.Description != "add_nickname" || f.Checksum != Checksum([]byte("ALTER TABLE employee ADD COLUMN nick text;\n")) ||
		string(f.Content) != "ALTER TABLE employee ADD COLUMN nick text;\r\n" {
		t.Errorf("file fields wrong: %+v", f)
	}
	if tree.Files[2].TypeToken != "DATA" {
		t.Errorf("TypeToken = %q, want DATA as written", tree.Files[2].TypeToken)
	}
}

func TestLoadWithoutEnvID(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"migrations/employee##2##ddl##b.sql": "select 1;",
		"migrations/employee##1##ddl##a.sql": "select 1;",
		"migrations/payroll##1##dml##p.sql":  "select 1;",
		"migrations/billing##1##dml##p.sql":  "select 1;",
	})
	tree, err := Load(context.Background(), Options{
		Root: root, Dir: "migrations/", Stages: twoStages,
		Template: "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql",
	})
	wantProblems := []string{
		`migrations/billing##1##dml##p.sql: no stage serves database "billing" (databases: employee, payroll)`,
	}
	if d := cmp.Diff(wantProblems, problemMessages(t, err)); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	paths := func(fs []*File) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Path)
		}
		return out
	}
	if d := cmp.Diff([]string{"migrations/employee##1##ddl##a.sql", "migrations/employee##2##ddl##b.sql"}, paths(tree.ForStage("prod"))); d != "" {
		t.Errorf("ForStage(prod) (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"migrations/employee##1##ddl##a.sql", "migrations/employee##2##ddl##b.sql", "migrations/payroll##1##dml##p.sql"}, paths(tree.ForStage("test"))); d != "" {
		t.Errorf("ForStage(test) (-want +got):\n%s", d)
	}
}

func TestLoadTenantTemplate(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"1##ddl##a.sql": "select 1;",
		"2##dml##b.sql": "select 1;",
	})
	tree, err := Load(context.Background(), Options{Root: root, Template: "{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", Stages: twoStages})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tree.ForStage("prod")); got != 2 {
		t.Errorf("ForStage(prod) has %d files, want every file", got)
	}
}

// TestLoadProblems builds one tree with every kind of file problem and
// checks they are all reported together.
func TestLoadProblems(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"db/prod/employee##1##ddl.sql":             "select 1;",
		"db/prod/employee##2023a##ddl##x.sql":      "select 1;",
		"db/prod/employee##3##schema##x.sql":       "select 1;",
		"db/prod/employee##4##ddl##x.SQL":          "select 1;",
		"db/prod/deep/employee##5##ddl##x.sql":     "select 1;",
		"db/top##1##ddl##x.sql":                    "select 1;",
		"db/staging/employee##1##ddl##x.sql":       "select 1;",
		"db/prod/payroll##1##ddl##x.sql":           "select 1;",
		"db/prod/employee##10##ddl##a.sql":         "select 1;",
		"db/prod/employee##10##migrate##b.sql":     "select 1;",
		"db/prod/employee##11##ddl##a.sql":         "select 1;",
		"db/prod/employee##11##baseline##b.sql":    "select 1;",
		"db/prod/employee##12.0##ddl##a.sql":       "select 1;",
		"db/prod/employee##12.00##dml##b.sql":      "select 1;",
		"db/prod/employee##13##ddl##ok.sql":        "select 1;",
		"db/prod/employee##13##dml##ok.sql":        "select 1;",
		"db/test/employee##13##ddl##ok.sql":        "select 1;", // another stage: no duplicate
		"db/prod/employee##14##dml##a.sql":         "select 1;",
		"db/prod/employee##14##data##b.sql":        "select 1;",
		"db/prod/employee##14##ddl##c.sql":         "select 1;",
		"db/prod/employee##20##ddl##latin1.sql":    "select 'caf\xe9';",
		"db/prod/employee##21##ddl##empty.sql":     "",
		"db/prod/employee##22##ddl##blank.sql":     " \n\t\n",
		"db/prod/employee##23##ddl##comments.sql":  "-- nothing here\n/* or here */;\n",
		"db/prod/employee##24##ddl##nul.sql":       "select 1;\x00",
		"db/prod/employee##30##ddl##timeouts.sql":  "-- dbcd:lock-timeout 5000\n-- dbcd:statement-timeout -1s\nselect 1;\n",
		"db/prod/employee##31##ddl##twice.sql":     "-- dbcd:lock-timeout 1s\n-- dbcd:lock-timeout 2s\nselect 1;\n",
		"db/prod/employee##32##ddl##late.sql":      "select 1;\n-- dbcd:ignore-file column.no-null\n",
		"db/prod/employee##33##ddl##noarg.sql":     "-- dbcd:statement-timeout\nselect 1;\n",
		"db/prod/employee##34##ddl##trailing.sql":  "select 1; -- dbcd:ignore-file column.no-null\n",
		"db/prod/employee##35##ddl##unknown.sql":   "-- dbcd:frobnicate\nselect 1;\n",
		"db/prod/employee##36##ddl##too-small.sql": "-- dbcd:lock-timeout 10us\nselect 1;\n",
		"db/prod/README.md":                        "not a migration",
		"db/prod/.employee##LATEST.sql":            "",
	})
	_, err := Load(context.Background(), Options{Root: root, Dir: "db", Stages: twoStages})
	want := []string{
		`db/prod/deep/employee##5##ddl##x.sql: file is 2 directories deep, template expects 1`,
		`db/prod/employee##1##ddl.sql: expected "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", got 3 "##"-separated parts`,
		`db/prod/employee##10##ddl##a.sql: duplicate version 10 of database "employee" in stage "prod": also db/prod/employee##10##migrate##b.sql (one version may have only one ddl and one dml file)`,
		`db/prod/employee##10##migrate##b.sql: duplicate version 10 of database "employee" in stage "prod": also db/prod/employee##10##ddl##a.sql (one version may have only one ddl and one dml file)`,
		`db/prod/employee##11##baseline##b.sql: duplicate version 11 of database "employee" in stage "prod": also db/prod/employee##11##ddl##a.sql (one version may have only one ddl and one dml file)`,
		`db/prod/employee##11##ddl##a.sql: duplicate version 11 of database "employee" in stage "prod": also db/prod/employee##11##baseline##b.sql (one version may have only one ddl and one dml file)`,
		`db/prod/employee##12.0##ddl##a.sql: version "12.0" is the same version as "12.00" in db/prod/employee##12.00##dml##b.sql; spell it the same way in both files`,
		`db/prod/employee##12.00##dml##b.sql: version "12.00" is the same version as "12.0" in db/prod/employee##12.0##ddl##a.sql; spell it the same way in both files`,
		`db/prod/employee##14##data##b.sql: duplicate version 14 of database "employee" in stage "prod": also db/prod/employee##14##ddl##c.sql, db/prod/employee##14##dml##a.sql (one version may have only one ddl and one dml file)`,
		`db/prod/employee##14##ddl##c.sql: duplicate version 14 of database "employee" in stage "prod": also db/prod/employee##14##data##b.sql, db/prod/employee##14##dml##a.sql (one version may have only one ddl and one dml file)`,
		`db/prod/employee##14##dml##a.sql: duplicate version 14 of database "employee" in stage "prod": also db/prod/employee##14##ddl##c.sql, db/prod/employee##14##data##b.sql (one version may have only one ddl and one dml file)`,
		`db/prod/employee##20##ddl##latin1.sql:1:12: file is not valid UTF-8 (byte 0xe9)`,
		`db/prod/employee##2023a##ddl##x.sql: version "2023a" must be digits and dots`,
		`db/prod/employee##21##ddl##empty.sql: file has no SQL statements`,
		`db/prod/employee##22##ddl##blank.sql: file has no SQL statements`,
		`db/prod/employee##23##ddl##comments.sql: file has no SQL statements`,
		`db/prod/employee##24##ddl##nul.sql:1:10: file contains a NUL byte; migration files must be text`,
		`db/prod/employee##3##schema##x.sql: unknown type "schema" (use ddl, migrate, dml, data or baseline)`,
		`db/prod/employee##30##ddl##timeouts.sql:1:1: dbcd:lock-timeout: duration "5000" needs a unit, such as 5000ms or 5000s`,
		`db/prod/employee##30##ddl##timeouts.sql:2:1: dbcd:statement-timeout: duration "-1s" is negative`,
		`db/prod/employee##31##ddl##twice.sql:2:1: dbcd:lock-timeout is already set on line 1`,
		`db/prod/employee##32##ddl##late.sql:2:1: dbcd:ignore-file must come before the first statement (line 1); use dbcd:ignore for one statement`,
		`db/prod/employee##33##ddl##noarg.sql:1:1: ` + sqlparseMessage(t, "-- dbcd:statement-timeout\n"),
		`db/prod/employee##34##ddl##trailing.sql:1:11: dbcd:ignore-file must come before the first statement (line 1); use dbcd:ignore for one statement`,
		`db/prod/employee##35##ddl##unknown.sql:1:1: ` + sqlparseMessage(t, "-- dbcd:frobnicate\n"),
		`db/prod/employee##36##ddl##too-small.sql:1:1: dbcd:lock-timeout: duration "10us" must be a whole number of milliseconds`,
		`db/prod/employee##4##ddl##x.SQL: expected "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", name must end with ".sql"`,
		`db/prod/payroll##1##ddl##x.sql: no target of stage "prod" serves database "payroll" (databases: employee)`,
		`db/staging/employee##1##ddl##x.sql: unknown stage "staging" (stages: test, prod)`,
		`db/top##1##ddl##x.sql: file is 0 directories deep, template expects 1`,
	}
	if d := cmp.Diff(want, problemMessages(t, err)); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	if err != nil && !strings.HasPrefix(err.Error(), want[0]+"\n"+want[1]+"\n") {
		t.Errorf("Problems.Error() does not list one problem per line in order:\n%s", err)
	}
}

// sqlparseMessage returns the message of the one error sqlparse reports for
// a malformed directive, so tests do not depend on its wording.
func sqlparseMessage(t *testing.T, src string) string {
	t.Helper()
	_, errs := sqlparse.ParseDirectives("x.sql", []byte(src))
	if len(errs) != 1 {
		t.Fatalf("ParseDirectives(%q): %d errors, want 1", src, len(errs))
	}
	return errs[0].Msg
}

func TestLoadSettings(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"prod/employee##1##ddl##x.sql": "-- dbcd:no-transaction\n-- dbcd:lock-timeout 30s\n-- dbcd:statement-timeout 10min\n" +
			"-- dbcd:ignore-file column.no-null, table.require-pk : legacy\n/* c */ -- dbcd:ignore-file naming.index\nCREATE INDEX CONCURRENTLY i ON t(c);\n",
		"prod/employee##2##ddl##y.sql": utf8BOM + "-- dbcd:lock-timeout 0\nselect 1;",
	})
	tree, err := Load(context.Background(), Options{Root: root, Stages: twoStages})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	ptr := func(d time.Duration) *time.Duration { return &d }
	want := []Settings{
		{NoTransaction: true, LockTimeout: ptr(30 * time.Second), StatementTimeout: ptr(10 * time.Minute),
			IgnoreFile: []string{"column.no-null", "table.require-pk", "naming.index"}},
		{LockTimeout: ptr(0)},
	}
	var got []Settings
	for _, f := range tree.Files {
		got = append(got, f.Settings)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Settings (-want +got):\n%s", d)
	}
}

func TestLoadErrors(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"prod/employee##1##ddl##a.sql": "select 1;"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, Options{Root: root}); !errors.Is(err, context.Canceled) {
		t.Errorf("Load with a cancelled context: %v", err)
	}
	if _, err := Load(context.Background(), Options{Root: "relative"}); err == nil || !strings.Contains(err.Error(), "not an absolute path") {
		t.Errorf("Load with a relative root: %v", err)
	}
	if _, err := Load(context.Background(), Options{Root: root, Template: "{{DB_NAME}}.sql"}); err == nil ||
		err.Error() != `migrations.template: template "{{DB_NAME}}.sql" has no {{VERSION}}` {
		t.Errorf("Load with a bad template: %v", err)
	}
	// Without stages nothing is checked against them.
	tree, err := Load(context.Background(), Options{Root: root})
	if err != nil || len(tree.Files) != 1 {
		t.Errorf("Load without stages = %v, %v", tree, err)
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "a.sql", Line: 2, Column: 3, Message: "m"}, "a.sql:2:3: m"},
		{Problem{Path: "a.sql", Line: 2, Message: "m"}, "a.sql:2: m"},
		{Problem{Path: "a.sql", Message: "m"}, "a.sql: m"},
		{Problem{Message: "m"}, "m"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	ps := Problems{{Path: "b", Message: "x"}, {Path: "a", Line: 9, Message: "y"}, {Path: "a", Line: 2, Message: "z"}}
	if got, want := ps.Error(), "a:2: z\na:9: y\nb: x"; got != want {
		t.Errorf("Problems.Error() = %q, want %q", got, want)
	}
	if ps[0].Path != "b" {
		t.Errorf("Problems.Error() reordered its receiver")
	}
}
