// Command dbcd-demo runs the walkthrough of `make demo`: the whole dbcd
// workflow on the employee sample, against a throwaway PostgreSQL server, a
// temporary git repository and a fake Bitbucket API, with narration and
// dbcd's real output. Everything it starts is stopped and removed at the
// end, also on Ctrl-C.
//
//	dbcd-demo [-dbcd bin/dbcd]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mattn/go-isatty"

	"github.com/dbcd/dbcd/internal/demo"
)

func main() {
	dbcd := flag.String("dbcd", "bin/dbcd", "the dbcd binary to run")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	color := os.Getenv("NO_COLOR") == "" && isatty.IsTerminal(os.Stdout.Fd())
	err := demo.Run(ctx, demo.Options{DBCD: *dbcd, Out: os.Stdout, Color: color})
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "\ndbcd-demo: interrupted; everything it started is stopped and removed")
		os.Exit(130)
	case err != nil:
		fmt.Fprintln(os.Stderr, "dbcd-demo:", err)
		os.Exit(1)
	}
}
