// Package seed loads the schema a review starts from (--schema): a schema
// dump file such as a LATEST file, or a live database.
package seed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/review/model"
)

// IsURL reports whether spec names a database rather than a file.
func IsURL(spec string) bool {
	return strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://")
}

// Load reads the schema from a dump file, or, for a postgres:// URL, from the
// live database through `pg_dump --schema-only` (the server's own catalog
// rendered as DDL, which the review model replays).
func Load(ctx context.Context, spec string) (*model.Schema, error) {
	if !IsURL(spec) {
		data, err := os.ReadFile(spec)
		if err != nil {
			return nil, err
		}
		return model.LoadSQL(spec, data)
	}
	dump, err := pgDump(ctx, spec)
	if err != nil {
		return nil, err
	}
	return model.LoadSQL("live schema", dump)
}

func pgDump(ctx context.Context, url string) ([]byte, error) {
	bin, err := findPgDump()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--schema-only", "--no-owner", "--no-privileges", "--no-comments", "--dbname", url)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=10")
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errOut.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("reading the live schema with pg_dump: %s", dbconn.RedactSecrets(msg, dbconn.Passwords(url)...))
	}
	return stripMetaCommands(out.Bytes()), nil
}

// stripMetaCommands drops psql meta-command lines (recent pg_dump versions
// wrap dumps in \restrict ... \unrestrict), which are not SQL.
func stripMetaCommands(dump []byte) []byte {
	lines := bytes.SplitAfter(dump, []byte("\n"))
	out := lines[:0]
	for _, l := range lines {
		if !bytes.HasPrefix(l, []byte("\\")) {
			out = append(out, l)
		}
	}
	return bytes.Join(out, nil)
}

// findPgDump looks for pg_dump on PATH and in Debian's per-version
// directories, preferring the newest (pg_dump reads older servers too).
func findPgDump() (string, error) {
	cands, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_dump")
	sort.Slice(cands, func(i, j int) bool { return version(cands[i]) > version(cands[j]) })
	if p, err := exec.LookPath("pg_dump"); err == nil {
		cands = append(cands, p)
	}
	if len(cands) == 0 {
		return "", errors.New("--schema URL needs pg_dump (Debian: apt-get install postgresql-client); or pass a LATEST .sql file")
	}
	return cands[0], nil
}

func version(p string) int {
	var v int
	fmt.Sscanf(filepath.Base(filepath.Dir(filepath.Dir(p))), "%d", &v)
	return v
}
