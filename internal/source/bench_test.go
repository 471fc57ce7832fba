package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLoad loads a generated tree of 2000 migration files (2 stages x
// 4 databases x 250 versions, each 21 lines), with and without directives
// in every file; files with directives go through sqlparse's scanner.
func BenchmarkLoad(b *testing.B) {
	stmts := strings.Repeat("ALTER TABLE employee ADD COLUMN c text;\nUPDATE employee SET c = 'x' WHERE id < 100;\n", 10)
	for _, bc := range []struct{ name, body string }{
		{"directives", "-- dbcd:lock-timeout 5s\n" + stmts},
		{"plain", "-- add a column\n" + stmts},
	} {
		b.Run(bc.name, func(b *testing.B) {
			root, stages, n := benchTree(b, bc.body)
			opts := Options{Root: root, Dir: "bytebase", Stages: stages}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tree, err := Load(context.Background(), opts)
				if err != nil || len(tree.Files) != n {
					b.Fatalf("Load: %d files, %v", len(tree.Files), err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// benchTree writes 2000 files with the given content and returns the root,
// the stages and the number of files.
func benchTree(b *testing.B, body string) (string, []Stage, int) {
	root := b.TempDir()
	dbs := []string{"employee", "payroll", "billing", "audit"}
	stages := []Stage{{Name: "test", Databases: dbs}, {Name: "prod", Databases: dbs}}
	n := 0
	for _, st := range stages {
		dir := filepath.Join(root, "bytebase", st.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for _, db := range dbs {
			for v := 0; v < 250; v++ {
				name := fmt.Sprintf("%s##2023110%05d##ddl##change_%d.sql", db, v, v)
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
	}
	return root, stages, n
}
