package apply

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/pgtest"
)

// latencyProxy forwards TCP connections to a PostgreSQL server and delays
// every chunk of bytes by a fixed one-way latency in each direction, as a
// database across a network would. It delays without throttling: bytes keep
// flowing while earlier ones are in flight, so pipelined requests (a pgx
// batch) still cost one round trip.
type latencyProxy struct {
	ln       net.Listener
	upstream string
	delay    time.Duration

	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// startLatencyProxy listens on a free port of 127.0.0.1 and forwards to
// upstream (host:port) with delay each way. It stops when tb ends.
func startLatencyProxy(tb testing.TB, upstream string, delay time.Duration) *latencyProxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &latencyProxy{ln: ln, upstream: upstream, delay: delay, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	tb.Cleanup(p.close)
	return p
}

// Addr returns the host:port clients connect to.
func (p *latencyProxy) Addr() string { return p.ln.Addr().String() }

// URL rewrites a connection URL to go through the proxy.
func (p *latencyProxy) URL(tb testing.TB, raw string) string {
	tb.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		tb.Fatal(err)
	}
	u.Host = p.Addr()
	return u.String()
}

func (p *latencyProxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		u, err := net.Dial("tcp", p.upstream)
		if err != nil {
			_ = c.Close()
			continue
		}
		if !p.track(c, u) {
			return
		}
		p.wg.Add(1)
		go p.serve(c, u)
	}
}

// serve forwards between client c and upstream u until both directions
// end, then forgets them.
func (p *latencyProxy) serve(c, u net.Conn) {
	defer p.wg.Done()
	var both sync.WaitGroup
	both.Add(2)
	go func() { defer both.Done(); p.pipe(u, c) }()
	go func() { defer both.Done(); p.pipe(c, u) }()
	both.Wait()
	_ = c.Close()
	_ = u.Close()
	p.mu.Lock()
	if p.conns != nil {
		delete(p.conns, c)
		delete(p.conns, u)
	}
	p.mu.Unlock()
}

// track remembers live connections so close can end them; it refuses
// after close.
func (p *latencyProxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conns == nil {
		for _, c := range cs {
			_ = c.Close()
		}
		return false
	}
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	return true
}

// chunk is bytes read from one side, due on the other side at due.
type chunk struct {
	due  time.Time
	data []byte
}

// pipe copies src to dst, each chunk delivered p.delay after it was read.
func (p *latencyProxy) pipe(dst, src net.Conn) {
	queue := make(chan chunk, 4096)
	done := make(chan struct{})
	go func() {
		defer close(done)
		timer := time.NewTimer(0)
		<-timer.C
		for c := range queue {
			if wait := time.Until(c.due); wait > 0 {
				timer.Reset(wait)
				<-timer.C
			}
			if _, err := dst.Write(c.data); err != nil {
				// Drain so that the reader never blocks on a full queue.
				for range queue {
				}
				return
			}
		}
		if tc, ok := dst.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
	}()
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			queue <- chunk{due: time.Now().Add(p.delay), data: append([]byte(nil), buf[:n]...)}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				_ = dst.Close()
			}
			break
		}
	}
	close(queue)
	<-done
}

// close stops accepting and ends every forwarded connection.
func (p *latencyProxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
	p.mu.Unlock()
	p.wg.Wait()
}

// TestLatencyProxy: a query through the proxy takes a round trip of twice
// the delay, and a pipelined batch of ten takes about one, not ten.
func TestLatencyProxy(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	const delay = 25 * time.Millisecond
	p := startLatencyProxy(t, pgtest.Server(t).HostPort(), delay)
	conn, err := pgx.Connect(ctx, p.URL(t, db.URL()))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	start := time.Now()
	if _, err := conn.Exec(ctx, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	if rt := time.Since(start); rt < 2*delay {
		t.Errorf("round trip %s, want at least %s", rt, 2*delay)
	}
	b := &pgx.Batch{}
	for range 10 {
		b.Queue("SELECT 1")
	}
	start = time.Now()
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 2*delay || el > 12*delay {
		t.Errorf("batch of 10 took %s, want about one round trip (%s), not ten", el, 2*delay)
	}
}
