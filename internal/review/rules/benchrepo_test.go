package rules

import (
	"os"
	"strconv"
	"testing"

	"github.com/dbcd/dbcd/internal/review/benchgen"
)

// TestWriteBenchRepo writes the files of BenchmarkReview as a repository for
// timing the dbcd binary by hand, beside the bare parse of the same files
// (BenchmarkReviewProcess of cmd/dbcd does this for `make bench`):
//
//	DBCD_BENCH_REPO=/tmp/repo1000 DBCD_BENCH_FILES=1000 go test -run TestWriteBenchRepo ./internal/review/rules
//	go build -o /tmp/parseonly ./internal/sqlparse/internal/parseonly
//	time /tmp/parseonly /tmp/repo1000/migrations
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
	if err := benchgen.WriteRepo(dir, n); err != nil {
		t.Fatal(err)
	}
}
