// Command dbcd makes PostgreSQL schema changes a first-class part of CI/CD.
package main

import (
	"os"

	"github.com/dbcd/dbcd/internal/iostreams"
)

func main() {
	os.Exit(run(os.Args[1:], iostreams.System(os.Getenv), os.Getenv))
}
