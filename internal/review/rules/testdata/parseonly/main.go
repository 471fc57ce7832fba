// Command parseonly is the floor for timing `dbcd review` end to end: it
// reads every .sql file under a directory, in name order, and parses each
// with sqlparse.Parse (or with pg_query.Parse alone with -raw), as review
// must at least do. Build it with
//
//	go build -o /tmp/parseonly ./internal/review/rules/testdata/parseonly
//
// and time it beside dbcd review on a repository written by
// TestWriteBenchRepo.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/sqlparse"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

func main() {
	raw := flag.Bool("raw", false, "parse with pg_query.Parse alone")
	flag.Parse()
	var paths []string
	err := filepath.WalkDir(flag.Arg(0), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".sql") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	sort.Strings(paths)
	stmts := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			log.Fatal(err)
		}
		if *raw {
			res, err := pg_query.Parse(string(src))
			if err != nil {
				log.Fatal(err)
			}
			stmts += len(res.GetStmts())
			continue
		}
		f, err := sqlparse.Parse(p, src)
		if err != nil {
			log.Fatal(err)
		}
		stmts += len(f.Statements)
	}
	fmt.Printf("%d files, %d statements\n", len(paths), stmts)
}
