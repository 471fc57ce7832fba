package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestWriteBenchRepo writes the files of BenchmarkReview as a repository for
// timing the dbcd binary end to end (see testdata/parseonly for the bare
// parse of the same files):
//
//	DBCD_BENCH_REPO=/tmp/repo1000 DBCD_BENCH_FILES=1000 go test -run TestWriteBenchRepo ./internal/review/rules
//	cd /tmp/repo1000 && time dbcd review --policy all
//
// It does nothing unless DBCD_BENCH_REPO is set.
func TestWriteBenchRepo(t *testing.T) {
	dir := os.Getenv("DBCD_BENCH_REPO")
	if dir == "" {
		t.Skip("DBCD_BENCH_REPO is not set")
	}
	n, err := strconv.Atoi(os.Getenv("DBCD_BENCH_FILES"))
	if err != nil {
		n = 1000
	}
	mig := filepath.Join(dir, "migrations", "prod")
	if err := os.MkdirAll(mig, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := `migrations:
  dir: migrations
  template: "{{ENV_ID}}/{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql"
stages:
  - name: prod
    targets:
      - { db: app, url: "postgres://u:p@localhost/app" }
`
	if err := os.WriteFile(filepath.Join(dir, "dbcd.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, f := range genFiles(n) {
		name := fmt.Sprintf("app##%06d##ddl##f%d.sql", i+1, i)
		if err := os.WriteFile(filepath.Join(mig, name), f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
