package source

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompileTemplate(t *testing.T) {
	tests := []struct {
		tmpl    string
		ext     string
		wantErr string // substring; "" means success
	}{
		{tmpl: DefaultTemplate, ext: ".sql"},
		{tmpl: "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", ext: ".sql"},
		{tmpl: "{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", ext: ".sql"},
		{tmpl: "**/{{DB_NAME}}/V{{VERSION}}__{{DESCRIPTION}}.up.sql", ext: ".sql"},
		{tmpl: "{{ENV_ID}}/*/{{DB_NAME}}##{{VERSION}}.sql", ext: ".sql"},
		{tmpl: "v*/{{VERSION}}_x*.sql", ext: ".sql"},
		{tmpl: "", wantErr: "template is empty"},
		{tmpl: "/abs/{{VERSION}}.sql", wantErr: "not absolute"},
		{tmpl: `a\{{VERSION}}.sql`, wantErr: `separate directories with "/"`},
		{tmpl: "../{{VERSION}}.sql", wantErr: `".." is not allowed`},
		{tmpl: "./{{VERSION}}.sql", wantErr: `"." is not allowed`},
		{tmpl: "a//{{VERSION}}.sql", wantErr: "empty directory name"},
		{tmpl: "{{VERSION}}.sql/", wantErr: "empty directory name"},
		{tmpl: ".hidden/{{VERSION}}.sql", wantErr: "starts with a dot"},
		{tmpl: "{{DB_NAME}}##{{DESCRIPTION}}.sql", wantErr: "has no {{VERSION}}"},
		{tmpl: "{{VERSION}}##{{version}}.sql", wantErr: "unknown variable {{version}}"},
		{tmpl: "{{ENV}}/{{VERSION}}.sql", wantErr: "unknown variable {{ENV}} (use {{ENV_ID}}, {{DB_NAME}}, {{VERSION}}, {{TYPE}}, {{DESCRIPTION}})"},
		{tmpl: "{{VERSION}}##{{VERSION}}.sql", wantErr: "{{VERSION}} appears more than once"},
		{tmpl: "{{DB_NAME}}/{{DB_NAME}}##{{VERSION}}.sql", wantErr: "{{DB_NAME}} appears more than once"},
		{tmpl: "{{DB_NAME}}{{VERSION}}.sql", wantErr: "{{DB_NAME}} and {{VERSION}} must be separated by literal text"},
		{tmpl: "{{VERSION}}*.sql", wantErr: "{{VERSION}} and * must be separated"},
		{tmpl: "{{VERSION.sql", wantErr: `unterminated "{{"`},
		{tmpl: "a**/{{VERSION}}.sql", wantErr: `"**" must be a whole path segment`},
		{tmpl: "**/**/{{VERSION}}.sql", wantErr: "redundant"},
		{tmpl: "?/{{VERSION}}.sql", wantErr: "only * and ** wildcards"},
		{tmpl: "{a,b}/{{VERSION}}.sql", wantErr: "only * and ** wildcards"},
		{tmpl: "{{VERSION}}", wantErr: "must end in a file extension"},
		{tmpl: "{{VERSION}}.", wantErr: "must end in a file extension"},
		{tmpl: "{{VERSION}}/**", wantErr: "must end in a file extension"},
		{tmpl: "{{VERSION}}.sql/*", wantErr: "must end in a file extension"},
	}
	for _, tt := range tests {
		got, err := CompileTemplate(tt.tmpl)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("CompileTemplate(%q) error = %v, want it to contain %q", tt.tmpl, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("CompileTemplate(%q) error = %v", tt.tmpl, err)
			continue
		}
		if got.Extension() != tt.ext || got.String() != tt.tmpl {
			t.Errorf("CompileTemplate(%q): ext %q, string %q", tt.tmpl, got.Extension(), got.String())
		}
	}
}

func TestTemplateMatch(t *testing.T) {
	const flat = "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql"
	tests := []struct {
		tmpl, path string
		want       Match
		candidate  bool   // false: ignored
		wantErr    string // exact message for a candidate that does not fit
	}{
		{tmpl: DefaultTemplate, path: "prod/employee##202311012500##ddl##add_nickname.sql", candidate: true,
			want: Match{Stage: "prod", DB: "employee", Version: "202311012500", Type: "ddl", Description: "add_nickname"}},
		{tmpl: DefaultTemplate, path: "prod/employee##1.2.10##Migrate##a##b.sql", candidate: true,
			want: Match{Stage: "prod", DB: "employee", Version: "1.2.10", Type: "Migrate", Description: "a##b"}},
		// The first split with a bad version is abandoned for one that fits.
		{tmpl: DefaultTemplate, path: "prod/emp##x##1##dml##d.sql", candidate: true,
			want: Match{Stage: "prod", DB: "emp##x", Version: "1", Type: "dml", Description: "d"}},
		{tmpl: "{{DESCRIPTION}}_{{VERSION}}.sql", path: "add_col_12.sql", candidate: true,
			want: Match{Description: "add_col", Version: "12"}},
		{tmpl: DefaultTemplate, path: "prod/.employee##LATEST.sql"},
		{tmpl: DefaultTemplate, path: ".git/x##1##ddl##y.sql"},
		{tmpl: DefaultTemplate, path: "prod/README.md"},
		{tmpl: DefaultTemplate, path: "prod/sql"},
		{tmpl: DefaultTemplate, path: "prod/.sql"},
		{tmpl: DefaultTemplate, path: "prod//a.sql"},
		{tmpl: DefaultTemplate, path: "/prod/a.sql"},
		{tmpl: DefaultTemplate, path: "prod/employee##1##ddl.sql", candidate: true,
			wantErr: `expected "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", got 3 "##"-separated parts`},
		{tmpl: DefaultTemplate, path: "prod/employee##2023a##ddl##x.sql", candidate: true,
			wantErr: `version "2023a" must be digits and dots`},
		{tmpl: DefaultTemplate, path: "prod/employee##1..2##ddl##x.sql", candidate: true,
			wantErr: `version "1..2" has an empty part between dots`},
		{tmpl: DefaultTemplate, path: "prod/employee##1##schema##x.sql", candidate: true,
			wantErr: `unknown type "schema" (use ddl, migrate, dml, data or baseline)`},
		{tmpl: DefaultTemplate, path: "prod/employee##v1##schema##x.sql", candidate: true,
			wantErr: `version "v1" must be digits and dots; unknown type "schema" (use ddl, migrate, dml, data or baseline)`},
		{tmpl: DefaultTemplate, path: "employee##1##ddl##x.sql", candidate: true,
			wantErr: "file is 0 directories deep, template expects 1"},
		{tmpl: DefaultTemplate, path: "a/prod/employee##1##ddl##x.sql", candidate: true,
			wantErr: "file is 2 directories deep, template expects 1"},
		{tmpl: DefaultTemplate, path: "prod/employee##1##ddl##x.SQL", candidate: true,
			wantErr: `expected "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", name must end with ".sql"`},
		{tmpl: DefaultTemplate, path: "prod/employee####ddl##x.sql", candidate: true,
			wantErr: `expected "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", {{VERSION}} is empty`},
		{tmpl: flat, path: "employee##1##ddl##x.sql", candidate: true,
			want: Match{DB: "employee", Version: "1", Type: "ddl", Description: "x"}},
		{tmpl: "V{{VERSION}}__{{DESCRIPTION}}.sql", path: "1__x.sql", candidate: true,
			wantErr: `expected "V{{VERSION}}__{{DESCRIPTION}}.sql", name must start with "V"`},
		{tmpl: "V{{VERSION}}__{{DESCRIPTION}}.sql", path: "V1_x.sql", candidate: true,
			wantErr: `expected "V{{VERSION}}__{{DESCRIPTION}}.sql", got 1 "__"-separated parts`},
		{tmpl: "{{VERSION}}_{{DESCRIPTION}}.up.sql", path: "1_x.down.sql", candidate: true,
			wantErr: `expected "{{VERSION}}_{{DESCRIPTION}}.up.sql", name must end with ".up.sql"`},
		// Wildcards.
		{tmpl: "**/{{DB_NAME}}##{{VERSION}}.sql", path: "emp##1.sql", candidate: true,
			want: Match{DB: "emp", Version: "1"}},
		{tmpl: "**/{{DB_NAME}}##{{VERSION}}.sql", path: "a/b/c/emp##1.sql", candidate: true,
			want: Match{DB: "emp", Version: "1"}},
		{tmpl: "{{ENV_ID}}/**/x/{{VERSION}}.sql", path: "prod/a/x/b/x/7.sql", candidate: true,
			want: Match{Stage: "prod", Version: "7"}},
		{tmpl: "{{ENV_ID}}/**/x/{{VERSION}}.sql", path: "prod/a/b/7.sql", candidate: true,
			wantErr: `path does not fit template "{{ENV_ID}}/**/x/{{VERSION}}.sql"`},
		{tmpl: "{{ENV_ID}}/**/x/{{VERSION}}.sql", path: "7.sql", candidate: true,
			wantErr: "file is 0 directories deep, template expects at least 2"},
		{tmpl: "*/{{VERSION}}.sql", path: "anything/3.sql", candidate: true, want: Match{Version: "3"}},
		{tmpl: "v*/{{VERSION}}.sql", path: "v/3.sql", candidate: true, want: Match{Version: "3"}},
		{tmpl: "v*/{{VERSION}}.sql", path: "v12/3.sql", candidate: true, want: Match{Version: "3"}},
		{tmpl: "v*/{{VERSION}}.sql", path: "w12/3.sql", candidate: true,
			wantErr: `directory "w12" does not fit "v*", name must start with "v"`},
		{tmpl: "{{VERSION}}-*.sql", path: "3-.sql", candidate: true, want: Match{Version: "3"}},
		{tmpl: "{{VERSION}}-*.sql", path: "3-x-y.sql", candidate: true, want: Match{Version: "3"}},
	}
	for _, tt := range tests {
		tmpl, err := CompileTemplate(tt.tmpl)
		if err != nil {
			t.Fatalf("CompileTemplate(%q): %v", tt.tmpl, err)
		}
		if got := tmpl.Candidate(tt.path); got != tt.candidate {
			t.Errorf("%q.Candidate(%q) = %v, want %v", tt.tmpl, tt.path, got, tt.candidate)
		}
		got, ok, err := tmpl.Match(tt.path)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if gotErr != tt.wantErr {
			t.Errorf("%q.Match(%q) error = %q, want %q", tt.tmpl, tt.path, gotErr, tt.wantErr)
		}
		wantOK := tt.candidate && tt.wantErr == ""
		if ok != wantOK {
			t.Errorf("%q.Match(%q) ok = %v, want %v", tt.tmpl, tt.path, ok, wantOK)
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%q.Match(%q) (-want +got):\n%s", tt.tmpl, tt.path, d)
		}
	}
}

func TestTemplateExpand(t *testing.T) {
	tmpl, err := CompileTemplate(DefaultTemplate)
	if err != nil {
		t.Fatal(err)
	}
	m := Match{Stage: "prod", DB: "employee", Version: "1.2", Type: "ddl", Description: "add_x"}
	got, err := tmpl.Expand(m)
	if want := "prod/employee##1.2##ddl##add_x.sql"; err != nil || got != want {
		t.Errorf("Expand = %q, %v; want %q", got, err, want)
	}
	m.DB = "a/b"
	if _, err := tmpl.Expand(m); err == nil {
		t.Errorf("Expand with a slash in DB_NAME: want an error")
	}
	dir, err := CompileTemplate("{{DB_NAME}}/{{VERSION}}.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{"..", ".", `a\b`, "a\x00"} {
		if got, err := dir.Expand(Match{DB: db, Version: "1"}); err == nil {
			t.Errorf("Expand with DB_NAME %q = %q, want an error", db, got)
		}
	}
	wild, err := CompileTemplate("**/{{VERSION}}.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wild.Expand(Match{Version: "1"}); err == nil {
		t.Errorf("Expand of a wildcard template: want an error")
	}
	if !tmpl.Has(VarEnvID) || wild.Has(VarEnvID) || !wild.HasWildcard() || tmpl.HasWildcard() {
		t.Errorf("Has/HasWildcard wrong")
	}
}
