package pgtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Private is a cluster started for one test alone, apart from the test
// binary's shared server, so that the test may restart it (Restart)
// without disturbing the tests that run on the shared one at the same
// time. It is the same kind of cluster (binaries, settings, roles) as the
// shared private cluster; its Cluster methods (NewDB, URL, AdminURL...)
// work as usual.
type Private struct {
	*Cluster
	local *localServer

	mu  sync.Mutex
	dbs []*DB // made by NewDB, whose shared connections Restart closes
}

// NewDB creates a fresh database for t on the private cluster, as
// Cluster.NewDB does; Restart closes the connection behind its Exec and
// QueryValue, which then reconnect.
func (p *Private) NewDB(t testing.TB) *DB {
	t.Helper()
	db := p.Cluster.NewDB(t)
	p.mu.Lock()
	p.dbs = append(p.dbs, db)
	p.mu.Unlock()
	return db
}

// PrivateOption changes the cluster NewPrivate starts.
type PrivateOption func(*privateConfig)

type privateConfig struct{ durable bool }

// Durable makes the private cluster keep PostgreSQL's default durability
// (fsync, synchronous_commit and full_page_writes on, wal_level replica)
// instead of trading it for speed: every commit waits for its WAL to reach
// the disk, as on a production server. Benchmarks use it to model real
// targets.
func Durable() PrivateOption { return func(c *privateConfig) { c.durable = true } }

// NewPrivate starts a private cluster for t, even when
// DBCD_TEST_DATABASE_URL names an external server, and stops it and
// removes its directory when t ends. It costs an initdb and a server start
// (about two seconds); use it only for tests that need their own server.
// When no cluster can be started it skips t, or fails it when CI=true or
// DBCD_REQUIRE_POSTGRES=1.
func NewPrivate(t testing.TB, opts ...PrivateOption) *Private {
	t.Helper()
	var cfg privateConfig
	for _, o := range opts {
		o(&cfg)
	}
	settings := serverSettings
	if cfg.durable {
		settings = baseSettings
	}
	c, local, err := startLocal(settings)
	if err != nil {
		unavailable(t, err)
	}
	p := &Private{Cluster: c, local: local}
	t.Cleanup(func() {
		p.closeIdleAdmin()
		if err := local.stop(); err != nil {
			t.Errorf("pgtest: stopping the private cluster: %v", err)
		}
	})
	return p
}

// Restart stops the server with a fast shutdown (as pg_ctl stop -m fast:
// sessions are ended and a checkpoint written) and starts it again on the
// same data directory and port, so that URLs stay valid. Connections open
// before the restart are broken, except those behind DB.Exec and
// QueryValue of databases made with p.NewDB, which reconnect. It fails t
// when the server does not come back.
func (p *Private) Restart(t testing.TB) {
	t.Helper()
	p.closeIdleAdmin()
	p.mu.Lock()
	for _, db := range p.dbs {
		db.closeConn()
	}
	p.mu.Unlock()
	s := p.local
	if err := s.shutdown(syscall.SIGINT); err != nil {
		t.Fatalf("pgtest: stopping the private cluster: %v", err)
	}
	binDir, err := findBinDir()
	if err != nil {
		t.Fatal(err)
	}
	as, err := serverUser()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	// The port was just released; another process taking it in between
	// is unlikely but possible, so try a few times.
	for attempt := 0; ; attempt++ {
		err = s.launch(ctx, binDir, as, s.port)
		if err == nil {
			return
		}
		if attempt == 2 {
			t.Fatalf("pgtest: restarting the private cluster on port %d: %v", s.port, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// closeIdleAdmin closes the admin connections the cluster keeps, which a
// restart or shutdown breaks.
func (p *Private) closeIdleAdmin() {
	for {
		select {
		case conn := <-p.idleAdmin:
			_ = conn.Close(context.Background())
		default:
			return
		}
	}
}

// shutdown stops the server with sig (SIGINT: fast shutdown, SIGQUIT:
// immediate) and waits for it to exit, killing it after stopTimeout. The
// directory stays.
func (s *localServer) shutdown(sig os.Signal) error {
	if s.proc == nil {
		return nil
	}
	if err := s.proc.Signal(sig); err != nil {
		return fmt.Errorf("signalling postgres: %w", err)
	}
	select {
	case <-s.exited:
	case <-time.After(stopTimeout):
		_ = s.proc.Kill()
		<-s.exited
		return fmt.Errorf("postgres did not shut down within %s; killed", stopTimeout)
	}
	s.proc = nil
	return nil
}
