package main

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConfigRelative(t *testing.T) {
	root := t.TempDir()
	got := configRelative(filepath.Join(root, "db"), root,
		[]string{"db/bytebase/prod/a##1##ddl##x.sql", "app/main.go", "dbx/y.sql", "db/dbcd.yaml"})
	want := []string{"bytebase/prod/a##1##ddl##x.sql", "dbcd.yaml"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"a.sql"}, configRelative(root, root, []string{"a.sql"})); d != "" {
		t.Errorf("same root (-want +got):\n%s", d)
	}
}

func TestInCI(t *testing.T) {
	for env, want := range map[[2]string]bool{
		{"", ""}:                        false,
		{"CI", "true"}:                  true,
		{"CI", "1"}:                     true,
		{"CI", "false"}:                 false,
		{"CI", "0"}:                     false,
		{"BITBUCKET_BUILD_NUMBER", "7"}: true,
	} {
		got := inCI(func(k string) string {
			if k == env[0] {
				return env[1]
			}
			return ""
		})
		if got != want {
			t.Errorf("%s=%q: inCI = %v, want %v", env[0], env[1], got, want)
		}
	}
}
