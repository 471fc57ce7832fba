package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// pgBinGlob is where Debian and Ubuntu install the server binaries, one
// directory per major version.
const pgBinGlob = "/usr/lib/postgresql/*/bin"

// findBinDir returns the directory that holds the initdb and postgres
// binaries: $DBCD_PG_BIN, else the directory of initdb found on PATH (with
// symlinks resolved), else the highest version under /usr/lib/postgresql.
func findBinDir() (string, error) {
	if dir := os.Getenv("DBCD_PG_BIN"); dir != "" {
		if !hasServerBinaries(dir) {
			return "", fmt.Errorf("DBCD_PG_BIN=%s has no initdb and postgres binaries", dir)
		}
		return dir, nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if resolved, err := filepath.EvalSymlinks(p); err == nil {
			p = resolved
		}
		if dir := filepath.Dir(p); hasServerBinaries(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob(pgBinGlob)
	best, bestVersion := "", -1
	for _, dir := range dirs {
		v, err := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
		if err != nil || !hasServerBinaries(dir) {
			continue
		}
		if v > bestVersion {
			best, bestVersion = dir, v
		}
	}
	if best == "" {
		return "", errors.New("initdb and postgres not found on PATH nor under " + pgBinGlob +
			" (install the postgresql package or set DBCD_TEST_DATABASE_URL)")
	}
	return best, nil
}

// hasServerBinaries reports whether dir holds executable initdb and
// postgres binaries.
func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// runAs describes the operating-system user the server runs as. A nil
// *runAs means the current user.
type runAs struct {
	name     string
	uid, gid uint32
}

// credential returns the process credential for the user, or nil for the
// current user.
func (r *runAs) credential() *syscall.Credential {
	if r == nil {
		return nil
	}
	return &syscall.Credential{Uid: r.uid, Gid: r.gid}
}

// chown hands path over to the user; it does nothing for the current user.
func (r *runAs) chown(path string) error {
	if r == nil {
		return nil
	}
	return os.Chown(path, int(r.uid), int(r.gid))
}

// serverUser picks the user that initdb and postgres run as: the current
// user, unless that is root, which PostgreSQL refuses; then
// $DBCD_PGTEST_USER, "postgres" or "nobody", the first that exists.
func serverUser() (*runAs, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	candidates := []string{"postgres", "nobody"}
	if name := os.Getenv("DBCD_PGTEST_USER"); name != "" {
		candidates = []string{name}
	}
	for _, name := range candidates {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil || uid == 0 {
			continue
		}
		return &runAs{name: name, uid: uint32(uid), gid: uint32(gid)}, nil
	}
	return nil, fmt.Errorf("running as root and none of the users %s exists to run PostgreSQL as",
		strings.Join(candidates, ", "))
}

// baseTempDir returns the directory to create the cluster directory in:
// os.TempDir(), unless the server runs as another user who cannot reach it,
// then /tmp.
func baseTempDir(as *runAs) string {
	dir := os.TempDir()
	if as == nil {
		return dir
	}
	for p := dir; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return "/tmp"
		}
		if p == filepath.Dir(p) {
			return dir
		}
	}
}
