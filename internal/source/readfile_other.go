//go:build !unix

package source

import "os"

// readFile is os.ReadFile (see readfile_unix.go).
func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
