package pgtest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that points the harness at an existing server.
const EnvURL = "DBCD_TEST_DATABASE_URL"

// Cluster is the PostgreSQL server that a test binary's databases live on:
// the private cluster started by this package or the server named by
// DBCD_TEST_DATABASE_URL.
type Cluster struct {
	url       string // test role, maintenance database
	adminURL  string // superuser (or the given user), maintenance database
	password  string
	hostPort  string
	socketDir string
	owner     string // role that owns the test databases; empty: the creator
	version   int
	external  bool

	// idleAdmin keeps admin connections for creating and dropping
	// databases; a new connection costs about 30ms on a small machine.
	idleAdmin chan *pgx.Conn
}

// maxIdleAdmin is how many admin connections a Cluster keeps open.
const maxIdleAdmin = 4

// shared is the test binary's one server, opened on first use.
var shared struct {
	once    sync.Once
	mu      sync.Mutex // guards local against a concurrent shutdown
	cluster *Cluster
	local   *localServer
	err     error
}

// Server returns the test binary's PostgreSQL server, starting the private
// cluster on first use. When no server can be had, it skips the test, or
// fails it when CI=true or DBCD_REQUIRE_POSTGRES=1.
func Server(t testing.TB) *Cluster {
	t.Helper()
	shared.once.Do(func() {
		start := time.Now()
		var c *Cluster
		var local *localServer
		var err error
		if u := os.Getenv(EnvURL); u != "" {
			c, err = openExternal(u)
		} else {
			c, local, err = startLocal(serverSettings)
		}
		shared.mu.Lock()
		shared.cluster, shared.local, shared.err = c, local, err
		shared.mu.Unlock()
		if err == nil && testing.Verbose() {
			t.Logf("pgtest: PostgreSQL %d ready in %s", c.version, time.Since(start).Round(time.Millisecond))
		}
	})
	if shared.err != nil {
		unavailable(t, shared.err)
	}
	return shared.cluster
}

// Required reports whether a missing PostgreSQL server fails tests instead
// of skipping them: when CI=true or DBCD_REQUIRE_POSTGRES=1.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("DBCD_REQUIRE_POSTGRES") == "1"
}

// unavailable skips or fails t because no server could be had.
func unavailable(t testing.TB, err error) {
	t.Helper()
	msg := "pgtest: no PostgreSQL server: " + err.Error()
	if Required() {
		t.Fatal(msg + "\n(a failure because CI=true or DBCD_REQUIRE_POSTGRES=1)")
	}
	t.Skip(msg + "\n(skipped: CI=true or DBCD_REQUIRE_POSTGRES=1 makes this a failure)")
}

// Main runs the tests of a package and then stops the private cluster, if
// one was started, and removes its directory. Use it as
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if err := Shutdown(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest: shutting down the test cluster:", err)
	}
	os.Exit(code)
}

// Shutdown stops the private cluster and removes its directory. Tests that
// run later in the same binary skip or fail; Main calls it after all tests.
func Shutdown() error {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.local == nil {
		return nil
	}
	err := shared.local.stop()
	shared.local = nil
	return err
}

// openExternal checks that the server at connString answers and describes it.
func openExternal(connString string) (*Cluster, error) {
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		// pgx masks the password in its parse errors.
		return nil, fmt.Errorf("%s: %w", EnvURL, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", EnvURL, err)
	}
	defer conn.Close(context.Background())
	var version int
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		return nil, fmt.Errorf("reading server version: %w", err)
	}
	return &Cluster{
		url:       connString,
		adminURL:  connString,
		password:  cfg.Password,
		hostPort:  net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))),
		version:   version,
		external:  true,
		idleAdmin: make(chan *pgx.Conn, maxIdleAdmin),
	}, nil
}

// URL returns the connection URL of the maintenance database "postgres" as
// the password-authenticated test role, over TCP.
func (c *Cluster) URL() string { return c.url }

// AdminURL returns the superuser's connection URL of the maintenance
// database. For the private cluster it uses the Unix socket and no password;
// for an external server it is DBCD_TEST_DATABASE_URL itself.
func (c *Cluster) AdminURL() string { return c.adminURL }

// DatabaseURL returns the test role's URL of database name.
func (c *Cluster) DatabaseURL(name string) string { return withDatabase(c.url, name) }

// Password returns the test role's password, so that tests can check it
// never shows up in output. It is empty when the server needs none.
func (c *Cluster) Password() string { return c.password }

// HostPort returns the server's TCP address as host:port.
func (c *Cluster) HostPort() string { return c.hostPort }

// SocketDir returns the directory of the private cluster's Unix socket, or
// "" for an external server.
func (c *Cluster) SocketDir() string { return c.socketDir }

// External reports whether the server is the one named by
// DBCD_TEST_DATABASE_URL rather than a private cluster.
func (c *Cluster) External() bool { return c.external }

// Version returns the server version as a number, e.g. 150010 for 15.10.
func (c *Cluster) Version() int { return c.version }

// withDatabase returns connString pointed at database name. It accepts URLs
// and keyword/value strings.
func withDatabase(connString, name string) string {
	lower := strings.ToLower(connString)
	if strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://") {
		if u, err := url.Parse(connString); err == nil {
			u.Path, u.RawPath = "/"+name, ""
			return u.String()
		}
	}
	return connString + " dbname='" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(name) + "'"
}

// connect opens a connection to connString.
func connect(ctx context.Context, connString string) (*pgx.Conn, error) {
	return pgx.Connect(ctx, connString)
}

// startPinned starts cmd from a goroutine locked to its OS thread and
// returns a channel that receives the result of Wait. Linux delivers the
// parent-death signal when the thread that started the child exits, not
// only the process; pinning keeps the Go runtime from retiring that thread
// while the child runs.
func startPinned(cmd *exec.Cmd) (<-chan error, error) {
	started := make(chan error, 1)
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		done <- cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return done, nil
}
