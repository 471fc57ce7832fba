package source

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadDirProblems(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeTree(t, root, map[string]string{"file": "x", "in/a##1##ddl##b.sql": "select 1;"})
	if err := os.Symlink(outside, filepath.Join(root, "out")); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dir, want string }{
		{"bytebase", `migrations.dir "bytebase" does not exist`},
		{"file", `migrations.dir "file" is not a directory`},
		{"../x", `migrations.dir "../x" must stay inside the repository`},
		{"in/../..", `migrations.dir "in/../.." must stay inside the repository`},
		{"/etc", `migrations.dir "/etc" must be relative to the repository root`},
		{"out", `migrations.dir "out" is a symbolic link to outside the repository`},
	}
	for _, tt := range tests {
		tree, err := Load(context.Background(), Options{Root: root, Dir: tt.dir})
		if d := cmp.Diff([]string{tt.want}, problemMessages(t, err)); d != "" {
			t.Errorf("Load(dir %q) (-want +got):\n%s", tt.dir, d)
		}
		if tree == nil {
			t.Errorf("Load(dir %q) returned no tree", tt.dir)
		}
	}
	// "in/.." is the root itself, and a template with a directory level
	// finds the file. The link to outside is reported, not followed.
	tree, err := Load(context.Background(), Options{Root: root, Dir: "in/..", Template: "in/{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql"})
	if d := cmp.Diff([]string{"out: symbolic link to outside the repository is not followed"}, problemMessages(t, err)); d != "" {
		t.Errorf("Load(in/..) (-want +got):\n%s", d)
	}
	if len(tree.Files) != 1 || tree.Files[0].Path != "in/a##1##ddl##b.sql" {
		t.Errorf("Load(in/..) files = %v", summarize(tree.Files))
	}
}

func TestLoadSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{
		"secret.sql":                  "select 1;",
		"dir/employee##9##ddl##x.sql": "select 1;",
	})
	writeTree(t, root, map[string]string{
		"shared/employee##3##ddl##shared.sql": "select 3;",
		"m/prod/employee##1##ddl##a.sql":      "select 1;",
	})
	links := map[string]string{
		"m/prod/employee##2##ddl##out.sql":    filepath.Join(outside, "secret.sql"),
		"m/prod/employee##3##ddl##shared.sql": filepath.Join(root, "shared/employee##3##ddl##shared.sql"),
		"m/prod/employee##4##ddl##gone.sql":   filepath.Join(root, "nowhere.sql"),
		"m/prod/notes.txt":                    filepath.Join(root, "nowhere.txt"), // not a candidate: ignored
		"m/test":                              "prod",                             // a directory inside the repository
		"m/outdir":                            filepath.Join(outside, "dir"),
		"m/prod/loop":                         "..",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := Load(context.Background(), Options{Root: root, Dir: "m", Stages: twoStages})
	want := []string{
		`m/outdir: symbolic link to outside the repository is not followed`,
		`m/prod/employee##2##ddl##out.sql: symbolic link to outside the repository is not followed`,
		`m/prod/employee##4##ddl##gone.sql: broken symbolic link`,
		`m/prod/loop: symbolic link loop: it leads back to a directory that contains it`,
		`m/test/employee##2##ddl##out.sql: symbolic link to outside the repository is not followed`,
		`m/test/employee##4##ddl##gone.sql: broken symbolic link`,
		`m/test/loop: symbolic link loop: it leads back to a directory that contains it`,
	}
	if d := cmp.Diff(want, problemMessages(t, err)); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	wantFiles := []summary{
		{"m/prod/employee##1##ddl##a.sql", "prod", "employee", "1", TypeDDL},
		{"m/test/employee##1##ddl##a.sql", "test", "employee", "1", TypeDDL},
		{"m/prod/employee##3##ddl##shared.sql", "prod", "employee", "3", TypeDDL},
		{"m/test/employee##3##ddl##shared.sql", "test", "employee", "3", TypeDDL},
	}
	if d := cmp.Diff(wantFiles, summarize(tree.Files)); d != "" {
		t.Errorf("Files (-want +got):\n%s", d)
	}
}

func TestLoadSpecialFiles(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"prod/employee##2##ddl##locked.sql": "select 1;"})
	if err := syscall.Mkfifo(filepath.Join(root, "prod/employee##1##ddl##fifo.sql"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	want := []string{`prod/employee##1##ddl##fifo.sql: not a regular file`}
	if os.Geteuid() != 0 { // root reads files whatever their mode
		if err := os.Chmod(filepath.Join(root, "prod/employee##2##ddl##locked.sql"), 0); err != nil {
			t.Fatal(err)
		}
		want = append(want, `prod/employee##2##ddl##locked.sql: cannot read file: permission denied`)
		if err := os.Mkdir(filepath.Join(root, "prod/sub"), 0); err != nil {
			t.Fatal(err)
		}
		want = append(want, `prod/sub: cannot read directory: permission denied`)
	}
	_, err := Load(context.Background(), Options{Root: root, Stages: twoStages})
	if d := cmp.Diff(want, problemMessages(t, err)); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}
