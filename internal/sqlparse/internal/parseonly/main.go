// Command parseonly is the floor that `dbcd review` is timed against end to
// end: it reads every .sql file under a directory, in name order, and parses
// each with pg_query.Parse alone (the bare parse), or with sqlparse.Parse
// (which also scans the tokens) with -sqlparse. It prints the number of files
// and statements. The review benchmarks of cmd/dbcd build and run it beside
// the dbcd binary.
//
//	go build -o /tmp/parseonly ./internal/sqlparse/internal/parseonly
//	time /tmp/parseonly DIR
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

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

func main() {
	full := flag.Bool("sqlparse", false, "parse with sqlparse.Parse (tokens, positions, directives) instead of pg_query.Parse alone")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: parseonly [-sqlparse] DIR")
	}
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
		if *full {
			f, err := sqlparse.Parse(p, src)
			if err != nil {
				log.Fatal(err)
			}
			stmts += len(f.Statements)
			continue
		}
		res, err := pg_query.Parse(string(src))
		if err != nil {
			log.Fatal(err)
		}
		stmts += len(res.GetStmts())
	}
	fmt.Printf("%d files, %d statements\n", len(paths), stmts)
}
