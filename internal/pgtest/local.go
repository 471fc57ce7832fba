package pgtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	// startTimeout bounds initdb plus server start-up.
	startTimeout = 30 * time.Second
	// stopTimeout bounds the immediate shutdown before the server is killed.
	stopTimeout = 10 * time.Second
	// dirPrefix names the cluster directories, so stale ones can be found.
	dirPrefix = "dbcd-pgtest-"
	// superuser is the bootstrap superuser that initdb creates.
	superuser = "postgres"
	// testRole is the password-authenticated role that tests connect as.
	testRole = "dbcd_test"
)

// serverSettings trade durability for speed; a test cluster never survives
// a crash anyway. A durable cluster leaves out fastSettings.
var serverSettings = append(slices.Clone(fastSettings), baseSettings...)

// fastSettings are the settings that give up durability, PostgreSQL's
// defaults otherwise (fsync, synchronous commits, full-page writes, a WAL
// for replicas).
var fastSettings = []string{
	"fsync=off",
	"synchronous_commit=off",
	"full_page_writes=off",
	"wal_level=minimal",
	"max_wal_senders=0",
}

// baseSettings are the settings of every test cluster.
var baseSettings = []string{
	"shared_buffers=32MB",
	"max_connections=100",
	"dynamic_shared_memory_type=mmap",
	"checkpoint_timeout=1h",
	"max_wal_size=1GB",
	"TimeZone=UTC",
	"log_min_messages=warning",
	"log_checkpoints=off",
}

// localServer is a private cluster run by this test binary.
type localServer struct {
	dir      string   // holds data/, the socket, postgres.log and owner
	settings []string // the -c settings postgres runs with
	port     int
	proc     *os.Process
	exited   chan struct{} // closed once postgres has exited
	exitErr  error         // the result of Wait; read only after exited
}

// startLocal creates a cluster in a new temporary directory, starts it with
// settings and creates the test role with a random password. It returns
// the cluster's description and the server handle for shutdown.
func startLocal(settings []string) (*Cluster, *localServer, error) {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()

	binDir, err := findBinDir()
	if err != nil {
		return nil, nil, err
	}
	as, err := serverUser()
	if err != nil {
		return nil, nil, err
	}
	base := baseTempDir(as)
	sweepStale(base)
	dir, err := os.MkdirTemp(base, dirPrefix)
	if err != nil {
		return nil, nil, fmt.Errorf("creating cluster directory: %w", err)
	}
	s := &localServer{dir: dir, settings: settings}
	ok := false
	defer func() {
		if !ok {
			_ = s.stop()
		}
	}()
	owner := []byte(strconv.Itoa(os.Getpid()) + "\n")
	if err := os.WriteFile(filepath.Join(dir, "owner"), owner, 0o644); err != nil {
		return nil, nil, fmt.Errorf("writing cluster owner: %w", err)
	}
	if err := as.chown(dir); err != nil {
		return nil, nil, fmt.Errorf("handing %s to user %s: %w", dir, as.name, err)
	}
	if n := len(dir) + len("/.s.PGSQL.65535"); n > 107 {
		return nil, nil, fmt.Errorf("socket path in %s is %d bytes, longer than a Unix socket allows; set TMPDIR to a shorter directory", dir, n)
	}
	if err := s.initdb(ctx, binDir, as); err != nil {
		return nil, nil, err
	}
	if err := s.startWithRetry(ctx, binDir, as); err != nil {
		return nil, nil, err
	}
	c, err := s.setup(ctx)
	if err != nil {
		return nil, nil, err
	}
	ok = true
	return c, s, nil
}

// childEnv is the environment of initdb and postgres: the test's own,
// without libpq variables that would redirect them, in the C locale and UTC.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C", "LANG=C", "TZ=UTC")
}

// initdb creates the data directory with trust authentication on the Unix
// socket and SCRAM password authentication over TCP.
func (s *localServer) initdb(ctx context.Context, binDir string, as *runAs) error {
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "initdb"),
		"--pgdata", filepath.Join(s.dir, "data"),
		"--username", superuser,
		"--auth-local", "trust",
		"--auth-host", "scram-sha-256",
		"--encoding", "UTF8",
		"--locale", "C",
		"--no-sync",
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Dir = s.dir
	cmd.Env = childEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: as.credential(), Pdeathsig: syscall.SIGKILL, Setpgid: true}
	done, err := startPinned(cmd)
	if err == nil {
		err = <-done
	}
	if err != nil {
		return fmt.Errorf("initdb (as %s): %w\n%s", userName(as), err, tail(out.String(), 20))
	}
	return nil
}

// startWithRetry starts postgres on a free port, trying again with another
// port when a concurrent test binary took it first.
func (s *localServer) startWithRetry(ctx context.Context, binDir string, as *runAs) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = s.start(ctx, binDir, as)
		if err == nil || !strings.Contains(err.Error(), "could not bind") &&
			!strings.Contains(err.Error(), "could not create any TCP/IP sockets") {
			return err
		}
	}
	return err
}

// start runs postgres as a child process and waits until it accepts
// connections. The child gets SIGQUIT (immediate shutdown) when the test
// binary dies.
func (s *localServer) start(ctx context.Context, binDir string, as *runAs) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	return s.launch(ctx, binDir, as, port)
}

// launch runs postgres on the given port as start describes.
func (s *localServer) launch(ctx context.Context, binDir string, as *runAs, port int) error {
	s.port = port
	args := []string{
		"-D", filepath.Join(s.dir, "data"),
		"-k", s.dir,
		"-h", "127.0.0.1",
		"-p", strconv.Itoa(port),
	}
	for _, kv := range s.settings {
		args = append(args, "-c", kv)
	}
	logFile, err := os.OpenFile(s.logPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("opening server log: %w", err)
	}
	defer logFile.Close()
	cmd := exec.Command(filepath.Join(binDir, "postgres"), args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Dir = s.dir
	cmd.Env = childEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: as.credential(), Pdeathsig: syscall.SIGQUIT, Setpgid: true}
	done, err := startPinned(cmd)
	if err != nil {
		return fmt.Errorf("starting postgres (as %s): %w", userName(as), err)
	}
	s.proc = cmd.Process
	s.exited = make(chan struct{})
	go func() {
		s.exitErr = <-done
		close(s.exited)
	}()
	return s.waitReady(ctx)
}

// waitReady polls the server until it accepts a connection, exits or ctx
// expires.
func (s *localServer) waitReady(ctx context.Context) error {
	var lastErr error
	for {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		conn, err := connect(cctx, s.adminURL("postgres"))
		cancel()
		if err == nil {
			return conn.Close(ctx)
		}
		lastErr = err
		select {
		case <-s.exited:
			return fmt.Errorf("postgres exited during start-up (%v); server log:\n%s", s.exitErr, s.logTail())
		case <-ctx.Done():
			return fmt.Errorf("postgres did not accept connections within %s (last error: %v); server log:\n%s",
				startTimeout, lastErr, s.logTail())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// setup creates the test role and returns the cluster description.
func (s *localServer) setup(ctx context.Context) (*Cluster, error) {
	password, err := randomHex(12)
	if err != nil {
		return nil, err
	}
	conn, err := connect(ctx, s.adminURL("postgres"))
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	// The password is hex, so it is safe inside a string literal.
	if _, err := conn.Exec(ctx, "CREATE ROLE "+testRole+" LOGIN CREATEDB CREATEROLE PASSWORD '"+password+"'"); err != nil {
		return nil, fmt.Errorf("creating role %s: %w", testRole, err)
	}
	var version int
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		return nil, fmt.Errorf("reading server version: %w", err)
	}
	hostPort := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
	userURL := &url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(testRole, password),
		Host:     hostPort,
		Path:     "/postgres",
		RawQuery: "sslmode=disable",
	}
	return &Cluster{
		url:       userURL.String(),
		adminURL:  s.adminURL("postgres"),
		password:  password,
		hostPort:  hostPort,
		socketDir: s.dir,
		owner:     testRole,
		version:   version,
		idleAdmin: make(chan *pgx.Conn, maxIdleAdmin),
	}, nil
}

// adminURL is the superuser's URL for database db over the Unix socket.
func (s *localServer) adminURL(db string) string {
	q := url.Values{"host": {s.dir}, "port": {strconv.Itoa(s.port)}, "sslmode": {"disable"}}
	u := &url.URL{Scheme: "postgres", User: url.User(superuser), Path: "/" + db, RawQuery: q.Encode()}
	return u.String()
}

// stop shuts the server down at once and removes its directory.
func (s *localServer) stop() error {
	if s.proc != nil {
		_ = s.proc.Signal(syscall.SIGQUIT)
		select {
		case <-s.exited:
		case <-time.After(stopTimeout):
			_ = s.proc.Kill()
			<-s.exited
		}
	}
	return os.RemoveAll(s.dir)
}

func (s *localServer) logPath() string { return filepath.Join(s.dir, "postgres.log") }

// logTail returns the last lines of the server log.
func (s *localServer) logTail() string {
	b, err := os.ReadFile(s.logPath())
	if err != nil {
		return "(no server log: " + err.Error() + ")"
	}
	return tail(string(b), 20)
}

// sweepStale removes cluster directories in base whose test binary is gone,
// left behind when a test binary was killed before Main could clean up.
// Their servers have already shut down on the parent-death signal.
func sweepStale(base string) {
	dirs, _ := filepath.Glob(filepath.Join(base, dirPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "owner"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || pid == os.Getpid() {
			continue
		}
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			_ = os.RemoveAll(dir)
		}
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func userName(as *runAs) string {
	if as == nil {
		return "current user"
	}
	return as.name
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
